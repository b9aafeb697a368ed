using System.Text.RegularExpressions;
using Quartermaster.Deployment.Tests.Infrastructure;

namespace Quartermaster.Deployment.Tests;

/// <summary>The Dockerfile as written: stages, restore caching, publish lines, user, health check.</summary>
public sealed partial class DockerfileTests
{
    private readonly DockerfileModel _dockerfile = DockerfileModel.Load(Repository.PathOf("Dockerfile"));

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime_of_the_same_version()
    {
        var build = _dockerfile.Stage("build");
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", _dockerfile.Final.Image);
    }

    [Fact]
    public void Restore_runs_on_the_project_files_alone_before_the_sources_are_copied()
    {
        var build = _dockerfile.Stage("build").Instructions;
        var restore = build.First(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copiedBefore = build.TakeWhile(i => i != restore).Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.SplitFlags().Remainder.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).ToHashSet();
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(file, copiedBefore);
        }

        foreach (var project in Directory.GetFiles(Repository.PathOf("src"), "*.csproj", SearchOption.AllDirectories))
        {
            Assert.Contains(Path.GetRelativePath(Repository.Root, project).Replace('\\', '/'), copiedBefore);
        }

        Assert.DoesNotContain(copiedBefore, c => c is "src/" or "src" or "." or "./");
        var sources = build.Single(i => i.Keyword == "COPY" && i.Arguments.StartsWith("src/ ", StringComparison.Ordinal));
        Assert.True(sources.Line > restore.Line, "the sources must be copied after the restore layer");
    }

    [Fact]
    public void Publishes_both_hosts_in_release_to_their_own_folders()
    {
        var publishes = _dockerfile.Stage("build").All("RUN").Select(r => Publish().Match(r.SplitFlags().Remainder)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["project"].Value, m => m);
        Assert.Equal(["src/ApiFrontend", "src/Silo"], publishes.Keys.Order());
        Assert.All(publishes.Values, m => Assert.Equal("Release", m.Groups["configuration"].Value));
        Assert.Equal("/app/silo", publishes["src/Silo"].Groups["output"].Value);
        Assert.Equal("/app/frontend", publishes["src/ApiFrontend"].Groups["output"].Value);
    }

    [Fact]
    public void Runs_as_a_numeric_non_root_user()
    {
        var user = _dockerfile.Final.Last("USER")!.Arguments.Split(':');
        Assert.True(int.TryParse(user[0], out var uid) && uid > 0, $"USER {user[0]} must be a numeric non-root UID");
        Assert.Equal("1654", user[0]);
    }

    [Fact]
    public void The_health_check_asks_a_route_both_hosts_serve()
    {
        var healthCheck = _dockerfile.Final.Last("HEALTHCHECK")!.Arguments;
        var path = HealthPath().Match(healthCheck);
        Assert.True(path.Success, $"no `GET /path` in {healthCheck}");
        Assert.Equal("/livez", path.Groups[1].Value);
        Assert.Contains(path.Groups[1].Value, CodeFacts.GetRoutes("Silo"));
        Assert.Contains(path.Groups[1].Value, CodeFacts.GetRoutes("ApiFrontend"));
    }

    [Fact]
    public void Default_command_is_the_frontend_in_its_own_folder()
    {
        Assert.Equal(["dotnet", "Quartermaster.ApiFrontend.dll"], Instruction.ExecForm(_dockerfile.Final.Last("CMD")!.Arguments));
        Assert.Equal("/app/frontend", _dockerfile.Final.FinalWorkdir);
        Assert.Null(_dockerfile.Final.Last("ENTRYPOINT"));
    }

    [GeneratedRegex(@"^dotnet publish (?<project>\S+) -c (?<configuration>\S+) -o (?<output>\S+)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"GET (/\S*) HTTP/")]
    private static partial Regex HealthPath();
}
