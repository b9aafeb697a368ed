using Quartermaster.Grains.Stock;

namespace Quartermaster.Bench.Memory;

/// <summary>How many stock item activations the silo itself reports: proof that what was measured is alive.</summary>
internal static class ActivationCensus
{
    public static async Task<int> StockItemsAsync(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        // The grain type is reported as "Namespace.Class,Assembly".
        return statistics.Where(s => s.GrainType.Split(',')[0] == typeof(StockItemGrain).FullName).Sum(s => s.ActivationCount);
    }
}
