using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Run;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Imports;

/// <summary>
/// Writes a CSV of receipts (one per row, spread over every item of the catalog) to disk, measures the tenant's
/// holds idle, posts the file and measures the holds again while it is applied, waits for the import to finish, then
/// posts the same file again (every row must be skipped) and checks the ledger holds one receipt per row.
/// </summary>
internal static class ImportRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<ImportFigures> RunAsync(HttpClient api, BenchCatalog catalog, string run, int rows, string work, bool smoke)
    {
        var file = Path.Combine(work, "receipts.csv");
        await WriteFileAsync(file, catalog, run, rows);

        var holdWindow = smoke ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);
        var holds = new ClosedLoopLoad(api, clients: 4, warmUp: TimeSpan.FromSeconds(1), window: holdWindow);
        var idle = await holds.RunAsync(new InteractiveHolds(catalog, run + "-idle"), Engine.Quartermaster.Name);
        BenchRun.Progress("imports, holds idle:         " + ReportWriter.ConsoleLine(idle));

        var first = Stopwatch.StartNew();
        var importId = await PostAsync(api, file);
        var during = await holds.RunAsync(new InteractiveHolds(catalog, run + "-during"), Engine.Quartermaster.Name);
        BenchRun.Progress("imports, holds during import: " + ReportWriter.ConsoleLine(during));
        var done = await WaitAsync(api, importId);
        var firstTook = first.Elapsed;
        var duringFits = firstTook > holdWindow + TimeSpan.FromSeconds(1);
        BenchRun.Progress($"imports, first post: {done} in {firstTook.TotalSeconds:F1} s");

        var second = Stopwatch.StartNew();
        var again = await WaitAsync(api, await PostAsync(api, file));
        var secondTook = second.Elapsed;
        BenchRun.Progress($"imports, second post: {again} in {secondTook.TotalSeconds:F1} s");

        var ledgerMatches = await LedgerMatchesAsync(api, catalog, run, rows);
        File.Delete(file);
        return new ImportFigures(rows, firstTook, done.GetProperty("status").GetString()!, done.GetProperty("rowsApplied").GetInt64(),
            done.GetProperty("rowsFailed").GetInt64(), secondTook, again.GetProperty("rowsSkipped").GetInt64(), again.GetProperty("rowsApplied").GetInt64(),
            ledgerMatches, idle.Percentile(0.99), during.Percentile(0.99), duringFits ? holdWindow : firstTook);
    }

    private static async Task WriteFileAsync(string path, BenchCatalog catalog, string run, int rows)
    {
        var items = catalog.Items.Where(i => i.Sku != BenchCatalog.HotSku).Select(i => (i.Sku, i.Warehouse)).ToList();
        await using var writer = new StreamWriter(path);
        await writer.WriteLineAsync("sku,warehouseId,movementId,quantity,reason");
        for (var n = 0; n < rows; n++)
        {
            var (sku, warehouse) = items[n % items.Count];
            await writer.WriteLineAsync($"{sku},{warehouse},imp-{run}-{n},1,bench import");
        }
    }

    private static async Task<string> PostAsync(HttpClient api, string file)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?kind=receipts") { Content = content };
        using var response = await api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/v1/imports answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("importId").GetString()!;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient api, string importId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var import = JsonDocument.Parse(await (await api.GetAsync($"/api/v1/imports/{importId}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
            if (import.GetProperty("status").GetString() != "running")
            {
                return import;
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"Import {importId} still running after {Patience.TotalMinutes} minutes: {import}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Each item's ledger holds exactly the receipts of its rows (the seed's receipt and the holds aside).</summary>
    private static async Task<bool> LedgerMatchesAsync(HttpClient api, BenchCatalog catalog, string run, int rows)
    {
        var items = catalog.Items.Where(i => i.Sku != BenchCatalog.HotSku).Select(i => (i.Sku, i.Warehouse)).ToList();
        var expected = Enumerable.Range(0, items.Count).ToDictionary(i => items[i], i => rows / items.Count + (i < rows % items.Count ? 1 : 0));
        var mismatches = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, cancellationToken) =>
        {
            var found = 0;
            var path = $"/api/v1/stock/{item.Sku}/{item.Warehouse}/movements?limit=500";
            while (true)
            {
                var page = JsonDocument.Parse(await (await api.GetAsync(path, cancellationToken)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken)).RootElement;
                found += page.GetProperty("items").EnumerateArray()
                    .Count(e => e.GetProperty("movementId").GetString()!.StartsWith($"imp-{run}-", StringComparison.Ordinal) && e.GetProperty("type").GetString() == "receipt");
                if (page.GetProperty("nextCursor").GetString() is not { } cursor)
                {
                    break;
                }

                path = $"/api/v1/stock/{item.Sku}/{item.Warehouse}/movements?limit=500&cursor={Uri.EscapeDataString(cursor)}";
            }

            if (found != expected[item])
            {
                Interlocked.Increment(ref mismatches);
            }
        });
        return mismatches == 0;
    }
}
