using System.Diagnostics;
using Quartermaster.Deployment.Tests.Infrastructure;

namespace Quartermaster.Deployment.Tests;

/// <summary>
/// The operator scripts the README and docs/operations.md name answer <c>--help</c> with their usage and do nothing
/// else, and refuse an option they do not know before doing anything: a mistyped or asked-about option must not
/// stop, start or build a cluster.
/// </summary>
public sealed class ScriptOptionsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _clusterDir = Path.Combine(Path.GetTempPath(), $"qm-script-options-{Guid.NewGuid():N}");
    private readonly Process _running;

    public ScriptOptionsTests()
    {
        // A "cluster" whose one process is a sleep: cluster-down would stop it, cluster-up refuses to start beside it.
        _running = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        Directory.CreateDirectory(Path.Combine(_clusterDir, "pids"));
        File.WriteAllText(Path.Combine(_clusterDir, "pids", "frontend1"), $"frontend {_running.Id} frontend1\n");
    }

    [Theory]
    [InlineData("cluster-up", "--help")]
    [InlineData("cluster-up", "-h")]
    [InlineData("cluster-down", "--help")]
    [InlineData("cluster-down", "-h")]
    [InlineData("backup", "--help")]
    [InlineData("restore", "--help")]
    [InlineData("ratelimit-check", "--help")]
    public async Task Help_prints_the_usage_and_touches_nothing(string script, string option)
    {
        var result = await RunAsync(script, option);

        Assert.True(result.ExitCode == 0, $"scripts/{script} {option} exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains($"usage: scripts/{script}", result.Output, StringComparison.Ordinal);
        AssertTheClusterIsUntouched(result);
    }

    [Theory]
    [InlineData("cluster-up", "--silos=3")]
    [InlineData("cluster-down", "--wpie")]
    [InlineData("cluster-down", "wipe")]
    [InlineData("ratelimit-check", "ten")]
    [InlineData("ratelimit-check", "--seconds=5")]
    public async Task An_unknown_option_is_refused_before_anything_is_done(string script, string option)
    {
        var result = await RunAsync(script, option);

        Assert.True(result.ExitCode == 2, $"scripts/{script} {option} exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains($"unknown argument: {option}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"usage: scripts/{script}", result.Output, StringComparison.Ordinal);
        AssertTheClusterIsUntouched(result);
    }

    [Theory]
    [InlineData("--shrot")]
    [InlineData("short")]
    public async Task Chaos_refuses_an_unknown_option_instead_of_running_the_full_soak(string option)
    {
        var result = await RunChaosAsync(option);

        Assert.True(result.ExitCode == 2, $"scripts/chaos {option} exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains($"unknown argument: {option}", result.Output, StringComparison.Ordinal);
        Assert.Contains("usage: scripts/chaos", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("== cluster", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chaos_help_prints_the_usage()
    {
        var result = await RunChaosAsync("--help");

        Assert.True(result.ExitCode == 0, $"scripts/chaos --help exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("usage: scripts/chaos [--short]", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("== cluster", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Before, each of these took any argument as nothing and ran: <c>scripts/test --help</c> was the whole suite.</summary>
    [Theory]
    [InlineData("test")]
    [InlineData("check-openapi")]
    [InlineData("check-walkthrough")]
    [InlineData("lint-monitoring")]
    public async Task A_script_without_options_answers_help_and_refuses_any_argument_before_doing_anything(string script)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var result = await RunWithFailingDotnetAsync(script, help);

            Assert.True(result.ExitCode == 0, $"scripts/{script} {help} exited {result.ExitCode}:\n{result.Output}");
            Assert.StartsWith($"usage: scripts/{script} ", result.Output, StringComparison.Ordinal);
            Assert.Single(result.Output.Trim().Split('\n'));
        }

        var refused = await RunWithFailingDotnetAsync(script, "--quick");

        Assert.True(refused.ExitCode == 2, $"scripts/{script} --quick exited {refused.ExitCode}:\n{refused.Output}");
        var lines = refused.Output.Trim().Split('\n');
        Assert.True(lines.Length == 2, refused.Output);
        Assert.Equal("unknown argument: --quick", lines[0]);
        Assert.StartsWith($"usage: scripts/{script} ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_help_lists_every_option_of_the_run_and_starts_nothing()
    {
        var result = await RunWithFailingDotnetAsync("bench", "--help");

        Assert.True(result.ExitCode == 0, $"scripts/bench --help exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("usage: scripts/bench", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("== servers", result.Output, StringComparison.Ordinal);
        var runOptions = BenchRunOptions();
        Assert.Contains("--catalog-products", runOptions);
        Assert.All(runOptions.Except(["--postgres", "--redis"]), option => Assert.Contains(option, result.Output, StringComparison.Ordinal));
    }

    /// <summary>
    /// A mistyped option used to be ignored, so <c>scripts/bench --secnds 5</c> ran the full 13-minute benchmark and
    /// rewrote docs/benchmarks.md. The benchmark program refuses it before any workload (the script's servers start first).
    /// </summary>
    [Fact]
    public async Task Bench_refuses_an_unknown_option_before_any_workload_runs()
    {
        var report = Repository.Read("docs", "benchmarks.md");
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("QUARTERMASTER_SOLUTION_BUILT") is { } built)
        {
            environment["QUARTERMASTER_SOLUTION_BUILT"] = built;
        }

        var result = await Processes.RunAsync([Repository.PathOf("scripts", "bench"), "--secnds", "5"], Repository.Root, environment, TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 2, $"scripts/bench --secnds 5 exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("Unknown option '--secnds'.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hot-sku", result.Output, StringComparison.Ordinal);
        Assert.Equal(report, Repository.Read("docs", "benchmarks.md"));
    }

    public void Dispose()
    {
        if (!_running.HasExited)
        {
            _running.Kill();
        }

        _running.Dispose();
        Directory.Delete(_clusterDir, recursive: true);
    }

    private Task<ProcessResult> RunAsync(string script, string option) =>
        Processes.RunAsync(
            [Repository.PathOf("scripts", script), option],
            Repository.Root,
            new Dictionary<string, string> { ["QM_CLUSTER_DIR"] = _clusterDir },
            Timeout);

    private Task<ProcessResult> RunChaosAsync(string option) => RunWithFailingDotnetAsync("chaos", option);

    /// <summary>
    /// Runs a script with a <c>dotnet</c> that fails: should the option be taken for a run, the run ends at its
    /// first build instead of going on for minutes.
    /// </summary>
    private async Task<ProcessResult> RunWithFailingDotnetAsync(string script, string option)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_clusterDir, "bin")).FullName;
        var fakeDotnet = Path.Combine(bin, "dotnet");
        await File.WriteAllTextAsync(fakeDotnet, "#!/bin/sh\necho 'dotnet is not for this test' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fakeDotnet, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        return await Processes.RunAsync(
            [Repository.PathOf("scripts", script), option], Repository.Root, new Dictionary<string, string> { ["PATH"] = path }, Timeout);
    }

    /// <summary>The options <c>Quartermaster.Bench run</c> names in its usage (bench/Bench/BenchMain.cs).</summary>
    private static string[] BenchRunOptions()
    {
        var source = Repository.Read("bench", "Bench", "BenchMain.cs");
        var start = source.IndexOf("usage: Quartermaster.Bench run", StringComparison.Ordinal);
        var end = source.IndexOf("Quartermaster.Bench memory", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the run's usage was not found in BenchMain.cs");
        return [.. System.Text.RegularExpressions.Regex.Matches(source[start..end], "--[a-z-]+").Select(m => m.Value).Distinct()];
    }

    private void AssertTheClusterIsUntouched(ProcessResult result)
    {
        Assert.False(_running.HasExited, $"the cluster's process was stopped:\n{result.Output}");
        Assert.True(File.Exists(Path.Combine(_clusterDir, "pids", "frontend1")), $"the cluster's pid file was removed:\n{result.Output}");
        Assert.DoesNotContain("== building", result.Output, StringComparison.Ordinal);
    }
}
