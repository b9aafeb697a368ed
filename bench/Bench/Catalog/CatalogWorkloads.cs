using Quartermaster.Bench.Load;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Catalog;

/// <summary>
/// Product PUTs against the seeded catalog: half rename a random seeded product (its grain is usually not active,
/// so the PUT reads its row and writes it), half create a new one.
/// </summary>
internal sealed class ProductPuts(long products, string run) : IWorkload
{
    public string Name => "product PUT";

    public HttpRequestMessage Next(ClientState client)
    {
        var n = client.Random.NextInt64(products);
        var (sku, name) = client.Random.Next(2) == 0
            ? (CatalogVocabulary.Sku(n), CatalogVocabulary.Name(n) + " rev " + Ids.Of(run, "r", client))
            : ("NEW-" + Ids.Of(run, "p", client), CatalogVocabulary.Name(n));
        return Requests.Product(sku, name);
    }
}

/// <summary>GET /products?q= with a sku prefix (6 to 11 characters of a seeded sku), one page of the default 50.</summary>
internal sealed class SkuPrefixSearches(long products) : IWorkload
{
    public string Name => "product search, sku prefix";

    public HttpRequestMessage Next(ClientState client) =>
        new(HttpMethod.Get, "/api/v1/products?q=" + Uri.EscapeDataString(CatalogVocabulary.SkuPrefixQuery(client.Random, products)));
}

/// <summary>GET /products?q= with name words, from a word thousands of products share to one product's code.</summary>
internal sealed class NameWordSearches(long products) : IWorkload
{
    public string Name => "product search, name words";

    public HttpRequestMessage Next(ClientState client) =>
        new(HttpMethod.Get, "/api/v1/products?q=" + Uri.EscapeDataString(CatalogVocabulary.WordQuery(client.Random, products)));
}
