namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Marks a request field that must be present although null is one of its values (null has a meaning of its
/// own, such as "follow the tenant's"). The schema lists it as required and keeps it nullable; the request type
/// records whether the body named it, and the endpoint refuses a body that did not.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredEvenIfNullAttribute : Attribute;
