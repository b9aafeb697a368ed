using System.Globalization;
using Quartermaster.Bench.Load;

namespace Quartermaster.Bench.Catalog;

/// <summary>A tenant of <see cref="Products"/> products: how long the seed took, PUT and search latency, and the listing walk.</summary>
internal sealed record CatalogFigures(long Products, TimeSpan SeedTook, LoadResult Puts, LoadResult PrefixSearches, LoadResult WordSearches, ListingFigures Listing)
{
    public IEnumerable<LoadResult> Loads => [Puts, PrefixSearches, WordSearches];

    public bool Correct => Loads.All(l => l.Errors == 0) && Listing.Stable;

    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"catalog: {Products:N0} products seeded in {SeedTook.TotalSeconds:F0} s; ")
        + string.Join("; ", Loads.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"{l.Workload} ({l.Clients} clients) {l.AcknowledgedPerSecond:N0}/s p50 {l.Percentile(0.5):F1} ms p99 {l.Percentile(0.99):F1} ms, {l.Errors:N0} errors")))
        + "; " + Listing.Summary;
}
