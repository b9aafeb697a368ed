namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>Activation counts per grain class across the test cluster, from the management grain.</summary>
public static class Activations
{
    public static async Task<int> CountAsync(IClusterClient client, string grainClass)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => ClassName(s.GrainType) == grainClass).Sum(s => s.ActivationCount);
    }

    /// <summary>Every activation of the service's own grains (system grains excluded).</summary>
    public static async Task<int> CountServiceGrainsAsync(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("Quartermaster.", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    /// <summary>Activations of the service's own grains by class, for saying which ones a test saw appear.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountServiceGrainsByClassAsync(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("Quartermaster.", StringComparison.Ordinal))
            .GroupBy(s => ClassName(s.GrainType)).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    private static string ClassName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
