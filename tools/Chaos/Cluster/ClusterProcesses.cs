namespace Quartermaster.Chaos.Cluster;

/// <summary>The processes scripts/chaos asks cluster-up for; a fault plan is only meaningful with all of them up.</summary>
internal static class ClusterProcesses
{
    public static readonly IReadOnlyList<string> All = ["silo1", "silo2", "silo3", "frontend1", "frontend2"];

    /// <summary>The first process that is not running, or null when all are.</summary>
    public static string? FirstAmong(ClusterControl control) => All.FirstOrDefault(p => !control.IsRunning(p));
}
