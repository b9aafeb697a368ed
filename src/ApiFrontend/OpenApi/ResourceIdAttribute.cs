using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Marks a request field as a client-chosen identifier, so its schema carries the id rule. The field stays a
/// plain string for binding: FieldErrors checks it and names the field when it is wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ResourceIdAttribute : Attribute
{
    /// <summary>The id rule as an ECMA-262 pattern: the lookahead refuses the dot segments "." and "..".</summary>
    public const string Pattern = @"^(?!\.\.?$)[A-Za-z0-9._-]{1,64}$";

    public static void Apply(Microsoft.OpenApi.OpenApiSchema schema)
    {
        schema.Pattern = Pattern;
        schema.MinLength = 1;
        schema.MaxLength = ResourceId.MaxLength;
    }
}
