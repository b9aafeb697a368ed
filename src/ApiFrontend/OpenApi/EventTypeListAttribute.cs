namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>Marks a list of event types, families or * (a webhook endpoint's eventTypes): its items get their shape.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EventTypeListAttribute : Attribute;
