namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// Where a cluster's grains are active, from each silo's <c>orleans_grains</c> gauge. Orleans' default placement
/// weighs the silos' load, so a burst of new activations may all land on one silo: a fault test that means to take
/// grains down with a silo picks the silo that holds them.
/// </summary>
public static class Activations
{
    /// <summary>Orleans names a grain type after its class, lower case without the "Grain" suffix.</summary>
    public const string StockItem = "stockitem";

    /// <summary>The index of the silo with the most active grains of <paramref name="grainType"/>, and how many it holds.</summary>
    public static async Task<(int Index, int Count)> BusiestSiloAsync(LocalCluster cluster, string grainType)
    {
        var counts = await Task.WhenAll(cluster.Silos.Select(async s =>
            (int)PrometheusText.Sum(await PrometheusText.ScrapeAsync(s.HealthUrl), "orleans_grains", ("grain_type", grainType))));
        var index = Array.IndexOf(counts, counts.Max());
        return (index, counts[index]);
    }
}
