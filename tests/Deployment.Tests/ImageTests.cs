using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Quartermaster.Deployment.Tests.Infrastructure;

namespace Quartermaster.Deployment.Tests;

/// <summary>The image the Dockerfile builds (emulated by <see cref="ImageBuild"/>): its files, commands and health check.</summary>
[Collection(DeploymentCollection.Name)]
public sealed class ImageTests(ImageBuild image, Manifests manifests)
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("/app/silo/Quartermaster.Silo.dll")]
    [InlineData("/app/frontend/Quartermaster.ApiFrontend.dll")]
    public void Both_hosts_are_published_for_the_runtime_image(string entry)
    {
        Assert.True(File.Exists(image.ImagePath(entry)), $"{entry} is not in the image.\n{image.Log}");
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(image.ImagePath(entry), ".runtimeconfig.json")))!;
        var frameworks = runtimeConfig["runtimeOptions"]!["frameworks"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => (string)f!["version"]!);
        var tag = image.Dockerfile.Final.Image.Split(':')[1];
        Assert.StartsWith(tag + ".", frameworks["Microsoft.AspNetCore.App"], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(image.ImagePath(entry))!, "appsettings.json")));
    }

    [Fact]
    public void The_hosts_need_separate_folders()
    {
        // Both publish an appsettings.json of their own, read from the working directory.
        Assert.NotEqual(File.ReadAllText(image.ImagePath("/app/silo/appsettings.json")), File.ReadAllText(image.ImagePath("/app/frontend/appsettings.json")));
    }

    [Fact]
    public void Every_command_names_an_assembly_in_its_working_directory()
    {
        var commands = manifests.OurContainers()
            .Select(c => ($"{c.Overlay} {Manifests.Name(c.Workload)}", Manifests.Strings(c.Container["command"]), (string)c.Container["workingDir"]!))
            .Concat(manifests.Compose["services"]!.AsObject()
                .Where(s => (string?)s.Value!["image"] == "quartermaster:local")
                .Select(s => ($"compose {s.Key}", Manifests.Strings(s.Value!["command"]), (string)s.Value!["working_dir"]!)))
            .Append(("Dockerfile CMD", Instruction.ExecForm(image.Dockerfile.Final.Last("CMD")!.Arguments)!, image.Dockerfile.Final.FinalWorkdir))
            .ToList();
        Assert.Equal(11, commands.Count);
        foreach (var (where, argv, workingDirectory) in commands)
        {
            Assert.Equal("dotnet", argv[0]);
            Assert.True(File.Exists(image.ImagePath(ContainerPath.Combine(workingDirectory, argv[1]))), $"{where}: {workingDirectory}/{argv[1]} is not in the image");
        }
    }

    [Fact]
    public async Task The_health_check_fails_when_nothing_answers()
    {
        var result = await Health.RunImageHealthCheckAsync(image, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = Processes.FreePort().ToString(CultureInfo.InvariantCulture) });
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task The_default_command_is_a_frontend_of_the_silos_and_passes_the_health_check()
    {
        // Production (the image sets no environment) and no hosting mode: a frontend, which needs a silo.
        var siloContainer = Manifests.Container(manifests.Get("dev", "Deployment", "quartermaster-silo"), "silo");
        var siloHttp = Processes.FreePort();
        var ports = FreeOrleansPorts(siloHttp);
        var siloEnvironment = ContainerEnvironment.Resolve(manifests, "dev", siloContainer, new Dictionary<string, string>(), ports);
        await using var silo = RunningProcess.Start(Manifests.Strings(siloContainer["command"]), image.ImagePath((string)siloContainer["workingDir"]!), siloEnvironment);
        await Health.WaitForOkAsync($"http://127.0.0.1:{siloHttp}/readyz", silo, StartDeadline);

        var http = Processes.FreePort();
        var environment = DefaultCommandEnvironment(http, ports["Orleans__GatewayPort"]);
        environment["QUARTERMASTER_ADMIN_KEY"] = "image-tests-admin-key-7c1e9a4f2b";
        foreach (var name in new[] { "Orleans__ClusterId", "Orleans__ServiceId" }.Where(siloEnvironment.ContainsKey))
        {
            environment[name] = siloEnvironment[name];
        }
        await using var frontend = RunningProcess.Start(DefaultCommand(), image.ImagePath(image.Dockerfile.Final.FinalWorkdir), environment);
        await Health.WaitForOkAsync($"http://127.0.0.1:{http}/readyz", frontend, StartDeadline);
        var check = await Health.RunImageHealthCheckAsync(image, environment);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.DoesNotContain("DEMO", frontend.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo tenant", frontend.Output, StringComparison.Ordinal);
        Assert.Equal(0, await frontend.TerminateAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(90)));
    }

    [Theory]
    [InlineData("k8s/base/secret.template.yaml")]
    [InlineData("docs")]
    public async Task The_default_command_refuses_a_published_admin_key(string source)
    {
        var key = source == "docs" ? "admin-dev-key-0001" : TemplateAdminKey();
        var environment = DefaultCommandEnvironment(Processes.FreePort(), Processes.FreePort().ToString(CultureInfo.InvariantCulture));
        environment["QUARTERMASTER_ADMIN_KEY"] = key;
        var result = await Processes.RunAsync(DefaultCommand(), image.ImagePath(image.Dockerfile.Final.FinalWorkdir), environment, StartDeadline);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("placeholder", result.Output, StringComparison.Ordinal);
        Assert.Contains("refusing to start", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quick_try_line_runs_the_embedded_demo_says_so_and_the_keys_it_prints_work()
    {
        var http = Processes.FreePort();
        var environment = DefaultCommandEnvironment(http, Processes.FreePort().ToString(CultureInfo.InvariantCulture));
        Assert.Contains("-e Quartermaster__Hosting=Embedded", File.ReadAllText(Repository.PathOf("Dockerfile")), StringComparison.Ordinal);
        environment["Quartermaster__Hosting"] = "Embedded";
        await using var demo = RunningProcess.Start(DefaultCommand(), image.ImagePath(image.Dockerfile.Final.FinalWorkdir), environment);
        await Health.WaitForOkAsync($"http://127.0.0.1:{http}/readyz", demo, StartDeadline);
        var deadline = DateTime.UtcNow + StartDeadline;
        while (!demo.Output.Contains("NOT FOR PRODUCTION", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains("NOT FOR PRODUCTION", demo.Output, StringComparison.Ordinal);
        Assert.Contains("EMBEDDED DEMO MODE", demo.Output, StringComparison.Ordinal);

        // No admin key is configured, so the banner shows the one the process made up: it must open the admin API.
        var adminKey = Regex.Match(demo.Output, @"Admin key\s+(qm_admin_\w+)").Groups[1].Value;
        var demoKey = Regex.Match(demo.Output, @"Demo tenant (\S+), key (\S+)");
        Assert.False(string.IsNullOrEmpty(adminKey), "The banner shows no made-up admin key:\n" + demo.Output);
        Assert.True(demoKey.Success, "The banner shows no demo tenant key:\n" + demo.Output);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"/api/v1/admin/tenants/{demoKey.Groups[1].Value}", adminKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/v1/products", demoKey.Groups[2].Value));
        Assert.Equal(0, await demo.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private IReadOnlyList<string> DefaultCommand() => Instruction.ExecForm(image.Dockerfile.Final.Last("CMD")!.Arguments)!;

    private Dictionary<string, string> DefaultCommandEnvironment(int http, string gatewayPort)
    {
        var environment = image.Dockerfile.Final.Environment();
        environment["ASPNETCORE_HTTP_PORTS"] = http.ToString(CultureInfo.InvariantCulture);
        environment["Orleans__SiloPort"] = Processes.FreePort().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = gatewayPort;
        return environment;
    }

    private static string TemplateAdminKey()
    {
        var line = File.ReadAllLines(Repository.PathOf("k8s", "base", "secret.template.yaml"))
            .Single(l => l.TrimStart().StartsWith("QUARTERMASTER_ADMIN_KEY:", StringComparison.Ordinal));
        return line.Split(':', 2)[1].Trim().Trim('"');
    }

    [Fact]
    public async Task A_silo_started_as_the_manifest_says_passes_the_health_check()
    {
        var deployment = manifests.Get("dev", "Deployment", "quartermaster-silo");
        var container = Manifests.Container(deployment, "silo");
        var http = Processes.FreePort();
        // No Secret: without connection strings the silo runs alone, in memory.
        var environment = ContainerEnvironment.Resolve(manifests, "dev", container, new Dictionary<string, string>(), FreeOrleansPorts(http));
        await using var silo = RunningProcess.Start(Manifests.Strings(container["command"]), image.ImagePath((string)container["workingDir"]!), environment);
        await Health.WaitForOkAsync($"http://127.0.0.1:{http}/readyz", silo, StartDeadline);
        var check = await Health.RunImageHealthCheckAsync(image, environment);
        Assert.True(check.ExitCode == 0, check.Output);
        var grace = (int)deployment["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!;
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(grace)));
    }

    internal static Dictionary<string, string> FreeOrleansPorts(int http) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_HTTP_PORTS"] = http.ToString(CultureInfo.InvariantCulture),
        ["Orleans__SiloPort"] = Processes.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = Processes.FreePort().ToString(CultureInfo.InvariantCulture),
    };
}
