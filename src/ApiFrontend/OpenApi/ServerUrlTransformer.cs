using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>The server URL of the request that fetched the document, without the trailing slash (paths start with one).</summary>
internal sealed class ServerUrlTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        return Task.CompletedTask;
    }
}
