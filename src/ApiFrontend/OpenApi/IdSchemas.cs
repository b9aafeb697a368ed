using Microsoft.OpenApi;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>The identifier rule (<see cref="ResourceIdAttribute"/>) as schema keywords.</summary>
internal static class IdSchemas
{
    public static OpenApiSchema New()
    {
        var schema = new OpenApiSchema { Type = JsonSchemaType.String };
        Apply(schema);
        return schema;
    }

    /// <summary>The start of an id, as a prefix filter takes it ("." and ".." included).</summary>
    public static OpenApiSchema Prefix() =>
        new() { Type = JsonSchemaType.String, Pattern = ResourceIdAttribute.PrefixPattern, MinLength = 1, MaxLength = ResourceId.MaxLength };

    public static void Apply(OpenApiSchema schema)
    {
        schema.Pattern = ResourceIdAttribute.Pattern;
        schema.MinLength = 1;
        schema.MaxLength = ResourceId.MaxLength;
    }
}
