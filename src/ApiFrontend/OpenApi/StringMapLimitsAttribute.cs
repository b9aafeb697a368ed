using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// The limits the service applies to a map of strings (a customer's attributes), declared in its schema: how many
/// entries (maxProperties), how long a key (propertyNames) and a value may be.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class StringMapLimitsAttribute(int maxEntries, int maxKeyLength, int maxValueLength) : Attribute
{
    public int MaxEntries { get; } = maxEntries;

    public int MaxKeyLength { get; } = maxKeyLength;

    public int MaxValueLength { get; } = maxValueLength;

    public void Apply(OpenApiSchema schema)
    {
        schema.MaxProperties = MaxEntries;
        schema.PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxKeyLength };
        schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxValueLength };
    }
}
