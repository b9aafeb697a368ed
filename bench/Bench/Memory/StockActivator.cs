using System.Diagnostics;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Bench.Memory;

/// <summary>Activates stock items by reading each once, a bounded number at a time, and checks each answer.</summary>
internal static class StockActivator
{
    public const int InFlight = 1_000;
    private const int ProgressStep = 100_000;

    public static async Task<ActivationRun> ActivateAsync(IGrainFactory grains, int items)
    {
        var done = 0;
        var wrong = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, items), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (item, _) =>
        {
            var outcome = await grains.GetGrain<IStockItemGrain>(StockGrid.StockItemKey(item)).Get();
            if (outcome.Value is not { OnHand: SeededBusinessStorage.OnHand, Reserved: 0, Version: SeededBusinessStorage.LastSeq })
            {
                Interlocked.Increment(ref wrong);
            }

            var count = Interlocked.Increment(ref done);
            if (count % ProgressStep == 0 && count < items)
            {
                Console.WriteLine($"  {count,9:N0} activated in {clock.Elapsed.TotalSeconds,6:F1} s ({count / clock.Elapsed.TotalSeconds:N0}/s)");
            }
        });
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return wrong == 0
            ? new ActivationRun(items, clock.Elapsed, allocated)
            : throw new InvalidOperationException($"{wrong:N0} of {items:N0} stock items did not read as seeded (on hand {SeededBusinessStorage.OnHand}, version {SeededBusinessStorage.LastSeq}).");
    }
}

/// <param name="AllocatedBytes">Everything allocated meanwhile, on every thread: what the activations kept and what the calls threw away.</param>
internal sealed record ActivationRun(int Items, TimeSpan Elapsed, long AllocatedBytes)
{
    public double PerSecond => Items / Elapsed.TotalSeconds;
}
