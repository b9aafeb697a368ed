using System.Diagnostics;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>Runs a bash snippet with scripts/lib/services.sh sourced, and fails loudly if it fails.</summary>
public static class Shell
{
    public static async Task<string> RunAsync(string script, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"set -euo pipefail; source '{RepositoryPaths.ServicesScript}'; {script}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bash failed ({process.ExitCode}): {script}\n{await output}\n{await error}");
        }

        return (await output).Trim();
    }

    public static Task SignalAsync(int pid, string signal) => RunAsync($"kill -{signal} {pid}");
}
