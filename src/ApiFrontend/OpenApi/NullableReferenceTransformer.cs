using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// A nullable field or body of a named type comes out as `oneOf: [{type: null}, {$ref}]`, a schema with no
/// type that generators turn into awkward types. An optional field or body is simply omitted to say "none",
/// and a required field (`[Required]`, whose C# type is nullable only so that a missing value can be named in
/// a 400) refuses null, so both become the plain reference, as a required string already is; the body is then
/// not required. A nullable reference anywhere else gets the referenced schema's type plus null.
/// </summary>
internal sealed class NullableReferenceTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in components.Values.OfType<OpenApiSchema>())
        {
            Visit(schema, components, depth: 0);
        }

        var bodies = (document.Paths?.Values.AsEnumerable() ?? []).SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .Select(o => o.RequestBody).OfType<OpenApiRequestBody>();
        foreach (var body in bodies)
        {
            foreach (var media in body.Content?.Values.AsEnumerable() ?? [])
            {
                if (NullableReference(media.Schema) is { } reference)
                {
                    media.Schema = reference;
                    body.Required = false;
                }
                else if (media.Schema is OpenApiSchema inline)
                {
                    Visit(inline, components, depth: 0);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void Visit(OpenApiSchema schema, IDictionary<string, IOpenApiSchema> components, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties?.ToList() ?? [])
        {
            if (NullableReference(property) is { } reference)
            {
                schema.Properties![name] = reference;
            }
        }

        if (NullableReference(schema) is { Reference.Id: { } id } && components.TryGetValue(id, out var target) && target.Type is { } type)
        {
            schema.Type = type | JsonSchemaType.Null;
        }

        IEnumerable<IOpenApiSchema?> children = [.. schema.Properties?.Values ?? [], schema.Items, schema.AdditionalProperties,
            .. schema.OneOf ?? [], .. schema.AnyOf ?? [], .. schema.AllOf ?? []];
        foreach (var child in children.OfType<OpenApiSchema>())
        {
            Visit(child, components, depth + 1);
        }
    }

    /// <summary>The reference of a `oneOf: [{type: null}, {$ref}]` schema, else null.</summary>
    private static OpenApiSchemaReference? NullableReference(IOpenApiSchema? schema) =>
        schema is OpenApiSchema { Type: null, OneOf: { Count: 2 } options } && options.Any(o => o is OpenApiSchema { Type: JsonSchemaType.Null })
            ? options.OfType<OpenApiSchemaReference>().FirstOrDefault()
            : null;
}
