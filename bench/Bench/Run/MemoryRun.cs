using System.Text.Json;

namespace Quartermaster.Bench.Run;

/// <summary>Runs the memory measurement in a process of its own, so its resident memory is a silo's alone.</summary>
internal static class MemoryRun
{
    public static async Task<MemoryFigures> RunAsync(int items, string work)
    {
        var json = Path.Combine(work, "memory.json");
        BenchRun.Progress($"memory: activating {items:N0} stock items in a silo of its own");
        await using var process = ChildProcess.Start(["memory", "--items", items.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", json],
            Path.Combine(work, "memory.log"));
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(10));
        var log = await File.ReadAllTextAsync(process.LogPath);
        Console.WriteLine(log.TrimEnd());
        if (exit != 0 || !File.Exists(json))
        {
            throw new InvalidOperationException($"The memory measurement failed (exit {exit}).");
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return MemoryFigures.From(report.RootElement);
    }
}

/// <summary>The memory measurement's figures, as the memory mode reports them.</summary>
internal sealed record MemoryFigures(int Items, long BaselineBytes, long ResidentBytes, long ManagedHeapBytes, string Summary)
{
    public double BytesPerItem => Items == 0 ? 0 : (ResidentBytes - BaselineBytes) / (double)Items;

    public long ProjectedMillionBytes => BaselineBytes + (long)(BytesPerItem * 1_000_000);

    public static MemoryFigures From(JsonElement report)
    {
        var items = report.GetProperty("items").GetInt32();
        var baseline = report.GetProperty("rssBaselineBytes").GetInt64();
        var resident = report.GetProperty("rssAfterGcBytes").GetInt64();
        var heap = report.GetProperty("managedHeapBytes").GetInt64();
        var figures = new MemoryFigures(items, baseline, resident, heap, string.Empty);
        return figures with
        {
            Summary = System.FormattableString.Invariant(
                $"memory: {items:N0} active stock items in one silo: {resident / 1048576.0:N0} MB resident after a full GC (silo alone before activation: {baseline / 1048576.0:N0} MB; managed heap {heap / 1048576.0:N0} MB; {figures.BytesPerItem:N0} bytes per item)"),
        };
    }
}
