using Quartermaster.Bench.Load;
using Quartermaster.Bench.Run;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Catalog;

/// <summary>
/// A tenant of its own with a catalog of a million products (seeded in SQL), then, one after the other: product
/// PUTs, searches by sku prefix, searches by name words, each from four closed-loop clients with its own warm-up
/// and window; then a walk of the whole product list while other clients create products.
/// </summary>
internal static class CatalogRun
{
    /// <summary>
    /// A catalog is edited and searched by people and integrations, not by a hundred machines at once: four requests
    /// always in flight is a busy tenant (hundreds a second), and latency is measured below saturation.
    /// </summary>
    public const int Clients = 4;

    public static async Task<CatalogFigures> RunAsync(HttpClient api, string postgres, string tenantId, long products, string run, BenchSettings settings)
    {
        var seedTook = await CatalogSeed.SeedAsync(postgres, tenantId, products);
        BenchRun.Progress($"catalog: {products:N0} products seeded in {seedTook.TotalSeconds:F1} s");

        var load = new ClosedLoopLoad(api, Clients, settings.WarmUp, settings.Window);
        var puts = await load.RunAsync(new ProductPuts(products, run), Engine.Quartermaster.Name);
        BenchRun.Progress("catalog, " + ReportWriter.ConsoleLine(puts));
        var prefixes = await load.RunAsync(new SkuPrefixSearches(products), Engine.Quartermaster.Name);
        BenchRun.Progress("catalog, " + ReportWriter.ConsoleLine(prefixes));
        var words = await load.RunAsync(new NameWordSearches(products), Engine.Quartermaster.Name);
        BenchRun.Progress("catalog, " + ReportWriter.ConsoleLine(words));

        var listing = await ListingWalk.RunAsync(api, products, run);
        BenchRun.Progress("catalog, " + listing.Summary);
        return new CatalogFigures(products, seedTook, puts, prefixes, words, listing);
    }
}
