using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Names the checks the contract lists for GET /health (database, redis, cluster, reminders) in the `checks`
/// object, so a generated client has a field for each. They are not required: /readyz shares the schema and
/// reports only the checks readiness rests on, and a host may report more (each entry the same schema).
/// </summary>
internal sealed class HealthChecksSchemaTransformer : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] NamedChecks =
    [
        ("database", "PostgreSQL (or the in-memory store in development mode)."),
        ("redis", "Redis (or its in-memory stand-in in development mode)."),
        ("cluster", "The Orleans cluster: its active silos."),
        ("reminders", "The reminder table that scheduled work rests on."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } schemas
            || !schemas.TryGetValue("HealthResponse", out var declared) || declared is not OpenApiSchema response
            || response.Properties is not { } properties
            || !properties.TryGetValue("checks", out var checksSchema) || checksSchema is not OpenApiSchema checks
            || checks.AdditionalProperties is not { } entry)
        {
            return Task.CompletedTask;
        }

        checks.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, description) in NamedChecks)
        {
            checks.Properties[name] = entry is OpenApiSchemaReference reference
                ? new OpenApiSchemaReference(reference.Reference.Id!, document) { Description = description }
                : entry;
        }

        return Task.CompletedTask;
    }
}
