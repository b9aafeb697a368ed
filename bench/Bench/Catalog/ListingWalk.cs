using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Catalog;

/// <summary>
/// Walks GET /products page by page (500 a page, the cursor of each page to the next) over the whole catalog while
/// other clients keep creating products whose skus fall between the seeded ones, before and after the walk's
/// position. Stable means: the skus come in strictly ascending order (nothing twice, nothing out of place) and every
/// seeded product is seen exactly once, whatever was inserted meanwhile.
/// </summary>
internal static class ListingWalk
{
    private const int PageSize = 500;

    private const int Inserters = 4;

    public static async Task<ListingFigures> RunAsync(HttpClient api, long products, string run)
    {
        using var walking = new CancellationTokenSource();
        var inserted = 0L;
        var insertErrors = 0L;
        var inserters = Enumerable.Range(0, Inserters).Select(number => Task.Run(async () =>
        {
            var random = new Random(number);
            for (var k = 0; !walking.IsCancellationRequested; k++)
            {
                var n = random.NextInt64(products);
                var sku = string.Create(CultureInfo.InvariantCulture, $"{CatalogVocabulary.Sku(n)}-{run}-{number}-{k}");
                try
                {
                    using var response = await api.SendAsync(Requests.Product(sku, CatalogVocabulary.Name(n)));
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref inserted : ref insertErrors);
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref insertErrors);
                }
            }
        })).ToList();

        var pageMs = new List<double>();
        var seeded = 0L;
        var seen = 0L;
        var inOrder = true;
        string? previous = null;
        var path = $"/api/v1/products?limit={PageSize}";
        var took = Stopwatch.StartNew();
        while (true)
        {
            var sent = Stopwatch.GetTimestamp();
            var body = await (await api.GetAsync(path)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            pageMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            var page = JsonDocument.Parse(body).RootElement;
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                var sku = item.GetProperty("sku").GetString()!;
                inOrder &= previous is null || string.CompareOrdinal(previous, sku) < 0;
                previous = sku;
                seen++;
                seeded += CatalogVocabulary.IsSeeded(sku) ? 1 : 0;
            }

            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                break;
            }

            path = $"/api/v1/products?limit={PageSize}&cursor={Uri.EscapeDataString(cursor)}";
        }

        var walkTook = took.Elapsed;
        await walking.CancelAsync();
        await Task.WhenAll(inserters);
        pageMs.Sort();
        return new ListingFigures(pageMs.Count, walkTook, seen, seeded, products, inOrder, Interlocked.Read(ref inserted), Interlocked.Read(ref insertErrors),
            Percentiles.Of(pageMs, 0.5), Percentiles.Of(pageMs, 0.99));
    }
}

/// <summary>One walk of the product list under concurrent inserts.</summary>
internal sealed record ListingFigures(
    int Pages, TimeSpan Took, long Seen, long SeededSeen, long Seeded, bool InOrder, long Inserted, long InsertErrors, double PageP50Ms, double PageP99Ms)
{
    public bool Stable => InOrder && SeededSeen == Seeded && InsertErrors == 0;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"listing: {Pages:N0} pages of up to 500 walked in {Took.TotalSeconds:F1} s (page p50 {PageP50Ms:F1} ms, p99 {PageP99Ms:F1} ms) while {Inserted:N0} products were created "
        + $"between the seeded ones ({InsertErrors:N0} failed); {Seen:N0} skus listed, {(InOrder ? "strictly ascending" : "NOT in order")}, "
        + $"{SeededSeen:N0} of the {Seeded:N0} seeded products seen once each");
}
