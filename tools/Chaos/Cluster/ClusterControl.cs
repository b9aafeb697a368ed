using System.Diagnostics;

namespace Quartermaster.Chaos.Cluster;

/// <summary>
/// Acts on the local cluster through `scripts/chaos --action`, so a restarted process is started exactly as
/// scripts/cluster-up starts it (scripts/lib/cluster.sh).
/// </summary>
internal sealed class ClusterControl(string clusterDirectory, int basePort)
{
    private static readonly string Script = Path.Combine(FindRepositoryRoot(), "scripts", "chaos");

    public int SiloPort(int silo) => basePort + silo;

    public Task SignalAsync(string process, string signal) => ActAsync("signal", process, signal);

    public Task StartAsync(string process) => ActAsync("start", process);

    public Task StopPostgresImmediatelyAsync() => ActAsync("postgres-stop");

    public Task StartPostgresAsync() => ActAsync("postgres-start");

    public Task KillRedisAsync() => ActAsync("redis-kill");

    public Task StartRedisAsync() => ActAsync("redis-start");

    /// <summary>Whether the process last started under this name still runs.</summary>
    public bool IsRunning(string process)
    {
        var fields = File.ReadAllText(Path.Combine(clusterDirectory, "pids", process)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Directory.Exists($"/proc/{fields[1]}");
    }

    private async Task ActAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("--action");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["QM_CLUSTER_DIR"] = clusterDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/chaos --action {string.Join(' ', arguments)} failed: {await output}{await errors}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The chaos tool runs from a build inside the repository (Orleans.sln not found above it).");
    }
}
