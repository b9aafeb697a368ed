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

    public static void Apply(OpenApiSchema schema)
    {
        schema.Pattern = ResourceIdAttribute.Pattern;
        schema.MinLength = 1;
        schema.MaxLength = ResourceId.MaxLength;
    }
}
