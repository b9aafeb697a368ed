using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Quartermaster.ApiFrontend.Tests.Contract;

/// <summary>
/// Clients of hosts that tests build for themselves (other settings, a cut-off grain factory) check every
/// response against the document that host serves, like the fixture's clients do.
/// </summary>
public static class CheckedClients
{
    public static HttpClient CreateCheckedClient<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        var contract = new Lazy<Task<OpenApiContract>>(async () =>
        {
            using var client = factory.CreateDefaultClient();
            var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))
                ?? throw new InvalidOperationException("The OpenAPI document is empty.");
            return new OpenApiContract(document);
        });
        return factory.CreateDefaultClient(new ContractCheckingHandler(() => contract.Value));
    }

    /// <summary>
    /// Checked against a document read elsewhere (the same application's): for a test that counts every request
    /// its host sees, such as the unauthenticated rate limit, where reading the document would take a token.
    /// </summary>
    public static HttpClient CreateCheckedClient<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, Func<Task<OpenApiContract>> contract)
        where TEntryPoint : class =>
        factory.CreateDefaultClient(new ContractCheckingHandler(contract));
}
