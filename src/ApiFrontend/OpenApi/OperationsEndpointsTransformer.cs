using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Adds GET /metrics, which the Prometheus exporter maps as plain middleware (invisible to the API explorer),
/// beside the other operations endpoints; like them it needs no key.
/// </summary>
internal sealed class OperationsEndpointsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Metrics",
                    Summary = "Prometheus metrics",
                    Description = "The process's metrics in the Prometheus text exposition format.",
                    Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "OK",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                                ["application/openmetrics-text"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                            },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
