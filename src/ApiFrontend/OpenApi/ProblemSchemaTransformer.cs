using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Quartermaster.ApiFrontend.Problems;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// One `Problem` schema for every problem response: RFC 9457 fields plus `code` (an enum of every code the
/// service answers with), `errors` (validation) and `available` / `lines` (insufficient stock). It replaces
/// the framework's ProblemDetails and HttpValidationProblemDetails schemas.
/// </summary>
internal sealed class ProblemSchemaTransformer : IOpenApiDocumentTransformer
{
    private static readonly string[] FrameworkSchemas = ["ProblemDetails", "HttpValidationProblemDetails"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProtocolComponents.ProblemSchema] = Problem();
        foreach (var name in FrameworkSchemas)
        {
            document.Components.Schemas.Remove(name);
        }

        var responses = (document.Paths?.Values.AsEnumerable() ?? []).SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Responses?.Values.AsEnumerable() ?? []).OfType<OpenApiResponse>();
        foreach (var response in responses)
        {
            if (response.Content?.TryGetValue(ProtocolComponents.ProblemContentType, out var media) == true)
            {
                media.Schema = new OpenApiSchemaReference(ProtocolComponents.ProblemSchema, document);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Every `code` the service can answer: the constants of <see cref="ProblemCodes"/>.</summary>
    public static IReadOnlyList<string> Codes { get; } = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `code` is the machine-readable reason; branch on it, not on `title`.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = Codes.Select(c => (JsonNode)JsonValue.Create(c)).ToList() },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "With `validation_failed`: the messages for each field at fault.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["available"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0",
                Description = "With `insufficient_stock` on a single stock item: what is available now.",
            },
            ["lines"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "With `insufficient_stock` on an order: each short line and what is available for it.",
                Items = ShortLine(),
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trace of the request, for support." },
        },
    };

    private static OpenApiSchema ShortLine() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "sku", "warehouseId", "requested", "available", "index" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["sku"] = IdSchemas.New(),
            ["warehouseId"] = IdSchemas.New(),
            ["requested"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1", Maximum = "1000000000" },
            ["available"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
            ["index"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "99",
                Description = "The line's position in the order's lines, from 0 (as in `lines[0].quantity`): which line it is when several name the same item.",
            },
        },
    };
}
