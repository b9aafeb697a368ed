using Quartermaster.Deployment.Tests.Infrastructure;

namespace Quartermaster.Deployment.Tests;

/// <summary>The rendered overlays (and docker-compose.yml) against what the code serves and reads.</summary>
[Collection(DeploymentCollection.Name)]
public sealed class ManifestTests(Manifests manifests)
{
    /// <summary>
    /// Names set for our containers that src/ does not read itself, and why they are there. The first two
    /// are read by the .NET host and ASP.NET Core (HostOptionsTests and ImageTests prove them); the POD_*
    /// ones are the downward API's, for people and tools inside the pod (only POD_IP is read by the code).
    /// </summary>
    private static readonly HashSet<string> ReadByTheFramework = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS", "shutdownTimeoutSeconds", "POD_NAME", "POD_NAMESPACE",
    };

    public static TheoryData<string> Roles => ["silo", "frontend", "migrate"];

    [Fact]
    public void Every_overlay_renders_and_validates()
    {
        Assert.Equal(["dev", "prod"], manifests.Overlays.Keys.Order());
        Assert.Contains("ok: 2 overlay(s) valid", manifests.ValidatorOutput, StringComparison.Ordinal);
        foreach (var overlay in manifests.Overlays.Keys)
        {
            var kinds = manifests.Overlays[overlay].Select(Manifests.Kind).ToHashSet();
            foreach (var kind in new[] { "Namespace", "ConfigMap", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "Job" })
            {
                Assert.Contains(kind, kinds);
            }
        }

        Assert.Equal(2, manifests.Overlays["dev"].Count(o => Manifests.Kind(o) == "StatefulSet"));
        Assert.DoesNotContain(manifests.Overlays["prod"], o => Manifests.Kind(o) is "StatefulSet" or "Secret");
    }

    [Fact]
    public void Environment_names_are_ones_the_code_reads()
    {
        var containers = manifests.OurContainers().ToList();
        Assert.Equal(6, containers.Count);
        foreach (var (overlay, workload, container) in containers)
        {
            foreach (var name in manifests.Environment(overlay, container).Keys)
            {
                Assert.True(CodeFacts.Keys.IsRead(name) || ReadByTheFramework.Contains(name),
                    $"{overlay} {Manifests.Name(workload)}: {name} is not read by src/ (a typo, or a key the code lost)");
            }
        }
    }

    [Fact]
    public void Compose_uses_the_same_environment_names()
    {
        var ours = Services().Where(s => (string?)s.Value["image"] == "quartermaster:local").ToList();
        Assert.Equal(["frontend", "migrate", "silo1", "silo2"], ours.Select(s => s.Key).Order());
        var kubernetesNames = manifests.OurContainers().SelectMany(c => manifests.Environment(c.Overlay, c.Container).Keys).ToHashSet();
        foreach (var (service, definition) in ours)
        {
            foreach (var (name, _) in definition["environment"]!.AsObject())
            {
                Assert.True(CodeFacts.Keys.IsRead(name) || ReadByTheFramework.Contains(name), $"compose {service}: {name} is not read by src/");
                Assert.True(kubernetesNames.Contains(name), $"compose {service}: {name} is not used by the Kubernetes manifests");
            }
        }
    }

    [Fact]
    public void Probes_ask_routes_the_host_serves_on_its_http_port()
    {
        foreach (var (overlay, workload, container) in manifests.OurContainers().Where(c => Manifests.Kind(c.Workload) == "Deployment"))
        {
            var project = HostProject(container);
            var routes = CodeFacts.GetRoutes(project);
            var httpPort = PortNumber(container, "http");
            Assert.Equal(HttpPort(overlay, container), httpPort);
            foreach (var (probe, expected) in new[] { ("startupProbe", "/livez"), ("livenessProbe", "/livez"), ("readinessProbe", "/readyz") })
            {
                var get = container[probe]!["httpGet"]!;
                Assert.Equal(expected, (string)get["path"]!);
                Assert.Contains((string)get["path"]!, routes);
                Assert.Equal(httpPort, PortNumber(container, (string)get["port"]!));
            }
        }
    }

    [Fact]
    public void Metrics_are_scraped_where_the_host_serves_them()
    {
        foreach (var (overlay, workload, container) in manifests.OurContainers().Where(c => Manifests.Kind(c.Workload) == "Deployment"))
        {
            var annotations = workload["spec"]!["template"]!["metadata"]!["annotations"]!;
            Assert.Equal("true", (string)annotations["prometheus.io/scrape"]!);
            Assert.Equal("/metrics", (string)annotations["prometheus.io/path"]!);
            Assert.True(HostMapsMetrics(HostProject(container)), $"{overlay} {Manifests.Name(workload)}: the host does not map /metrics");
            Assert.Equal(PortNumber(container, "http"), int.Parse((string)annotations["prometheus.io/port"]!));
        }
    }

    [Fact]
    public void Silo_ports_match_the_orleans_configuration_and_the_image()
    {
        var exposed = DockerfileModel.Load(Repository.PathOf("Dockerfile")).Final.Last("EXPOSE")!.Arguments.Split(' ').ToHashSet();
        foreach (var overlay in manifests.Overlays.Keys)
        {
            var silo = Manifests.Container(manifests.Get(overlay, "Deployment", "quartermaster-silo"), "silo");
            var environment = manifests.Environment(overlay, silo);
            Assert.Equal(int.Parse((string)environment["Orleans__SiloPort"]!), PortNumber(silo, "silo"));
            Assert.Equal(int.Parse((string)environment["Orleans__GatewayPort"]!), PortNumber(silo, "gateway"));
            foreach (var port in new[] { "silo", "gateway", "http" })
            {
                Assert.Contains(PortNumber(silo, port).ToString(System.Globalization.CultureInfo.InvariantCulture), exposed);
            }
        }
    }

    [Fact]
    public void Silos_advertise_their_pod_ip_and_carry_the_orleans_labels()
    {
        foreach (var overlay in manifests.Overlays.Keys)
        {
            var deployment = manifests.Get(overlay, "Deployment", "quartermaster-silo");
            var silo = Manifests.Container(deployment, "silo");
            var environment = manifests.Environment(overlay, silo);
            Assert.Equal("status.podIP", (string)environment["POD_IP"]!["fieldRef"]!["fieldPath"]!);
            Assert.Equal("metadata.name", (string)environment["POD_NAME"]!["fieldRef"]!["fieldPath"]!);
            Assert.Equal("metadata.namespace", (string)environment["POD_NAMESPACE"]!["fieldRef"]!["fieldPath"]!);
            Assert.Equal("$(POD_IP)", (string)environment["Orleans__AdvertisedIp"]!);
            var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!;
            Assert.Equal((string)environment["Orleans__ServiceId"]!, (string)labels["orleans/serviceId"]!);
            Assert.Equal((string)environment["Orleans__ClusterId"]!, (string)labels["orleans/clusterId"]!);
        }
    }

    [Fact]
    public void Frontends_are_orleans_clients_with_an_admin_key()
    {
        var hostingModes = File.ReadAllText(Repository.PathOf("src", "ApiFrontend", "Hosting", "HostingMode.cs"));
        foreach (var overlay in manifests.Overlays.Keys)
        {
            var environment = manifests.Environment(overlay, Manifests.Container(manifests.Get(overlay, "Deployment", "quartermaster-frontend"), "frontend"));
            var mode = (string)environment["Quartermaster__Hosting"]!;
            Assert.Equal("Client", mode);
            Assert.Contains($"    {mode},", hostingModes, StringComparison.Ordinal);
            Assert.NotNull(environment["QUARTERMASTER_ADMIN_KEY"]!["secretKeyRef"]);
            Assert.NotNull(environment["ConnectionStrings__Postgres"]!["secretKeyRef"]);
            Assert.NotNull(environment["ConnectionStrings__Redis"]!["secretKeyRef"]);
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Each_role_runs_the_same_command_in_kubernetes_and_compose(string role)
    {
        var (kubernetes, workingDirectory) = Command(role);
        var services = Services().Where(s => s.Key.StartsWith(role, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(services);
        foreach (var (_, service) in services)
        {
            Assert.Equal(kubernetes, Manifests.Strings(service["command"]));
            Assert.Equal(workingDirectory, (string)service["working_dir"]!);
        }
    }

    [Fact]
    public void Grace_periods_cover_the_hosts_shutdown()
    {
        foreach (var (overlay, workload, container) in manifests.OurContainers().Where(c => Manifests.Kind(c.Workload) == "Deployment"))
        {
            var environment = manifests.Environment(overlay, container);
            var shutdown = int.Parse((string)environment["shutdownTimeoutSeconds"]!);
            var preStop = Manifests.Strings(container["lifecycle"]?["preStop"]?["exec"]?["command"]);
            var pause = preStop is ["sleep", var seconds] ? int.Parse(seconds) : 0;
            var grace = (int)workload["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!;
            Assert.True(grace > shutdown + pause, $"{overlay} {Manifests.Name(workload)}: grace {grace}s <= shutdown {shutdown}s + preStop {pause}s");
        }

        var silo = manifests.Get("prod", "Deployment", "quartermaster-silo");
        Assert.Equal(120, (int)silo["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!);
    }

    [Fact]
    public void Compose_orders_the_start_and_keeps_redis_durable()
    {
        var services = Services().ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal("postgres:15", (string)services["postgres"]["image"]!);
        Assert.Equal("redis:7", (string)services["redis"]["image"]!);
        var redis = Manifests.Strings(services["redis"]["command"]);
        Assert.Equal("yes", redis[redis.ToList().IndexOf("--appendonly") + 1]);
        Assert.Equal("service_healthy", (string)services["migrate"]["depends_on"]!["postgres"]!["condition"]!);
        var silos = services.Keys.Where(k => k.StartsWith("silo", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, silos.Count);
        foreach (var silo in silos)
        {
            Assert.Equal("service_completed_successfully", (string)services[silo]["depends_on"]!["migrate"]!["condition"]!);
            Assert.Equal("service_healthy", (string)services["frontend"]["depends_on"]![silo]!["condition"]!);
            // Each silo advertises the address other containers reach it at.
            Assert.Equal((string)services[silo]["networks"]!["cluster"]!["ipv4_address"]!, (string)services[silo]["environment"]!["Orleans__AdvertisedIp"]!);
            var healthCheck = string.Join(' ', Manifests.Strings(services[silo]["healthcheck"]!["test"]));
            Assert.Contains("GET /readyz ", healthCheck, StringComparison.Ordinal);
            Assert.Contains("/readyz", CodeFacts.GetRoutes("Silo"));
        }

        Assert.True((bool)services["frontend"]["read_only"]!);
        Assert.Contains("/tmp", Manifests.Strings(services["frontend"]["tmpfs"]));
    }

    private IEnumerable<KeyValuePair<string, JsonObject>> Services() =>
        manifests.Compose["services"]!.AsObject().Select(s => new KeyValuePair<string, JsonObject>(s.Key, s.Value!.AsObject()));

    private (IReadOnlyList<string> Command, string WorkingDirectory) Command(string role)
    {
        var workload = role == "migrate"
            ? manifests.Get("dev", "Job", "quartermaster-migrate")
            : manifests.Get("dev", "Deployment", $"quartermaster-{role}");
        var container = Manifests.Container(workload, role);
        return (Manifests.Strings(container["command"]), (string)container["workingDir"]!);
    }

    /// <summary>src/NAME of the host a container runs (`dotnet Quartermaster.NAME.dll`).</summary>
    private static string HostProject(JsonObject container)
    {
        var dll = Manifests.Strings(container["command"])[1];
        Assert.Matches(@"^Quartermaster\.\w+\.dll$", dll);
        var project = dll["Quartermaster.".Length..^".dll".Length];
        Assert.True(Directory.Exists(Repository.PathOf("src", project)), $"{dll} is not built from src/{project}");
        return project;
    }

    /// <summary>/metrics is mapped by MapPrometheusScrapingEndpoint inside a method of ServiceDefaults: does the host call that method?</summary>
    private static bool HostMapsMetrics(string project)
    {
        var telemetry = Repository.SourceFiles().Select(File.ReadAllText).Single(t => t.Contains("MapPrometheusScrapingEndpoint(\"/metrics\")", StringComparison.Ordinal));
        var method = System.Text.RegularExpressions.Regex.Match(
            telemetry[..telemetry.IndexOf("MapPrometheusScrapingEndpoint", StringComparison.Ordinal)], @"public static [\w<>.]+ (\w+)\(this ", System.Text.RegularExpressions.RegexOptions.RightToLeft).Groups[1].Value;
        var host = string.Join('\n', Repository.SourceFiles(Path.Combine("src", project)).Select(File.ReadAllText));
        return method.Length > 0 && host.Contains($".{method}(", StringComparison.Ordinal);
    }

    private static int PortNumber(JsonObject container, string name) =>
        (int)container["ports"]!.AsArray().Single(p => (string)p!["name"]! == name)!["containerPort"]!;

    private int HttpPort(string overlay, JsonObject container)
    {
        var value = manifests.Environment(overlay, container).GetValueOrDefault("ASPNETCORE_HTTP_PORTS");
        var image = DockerfileModel.Load(Repository.PathOf("Dockerfile")).Final.Environment()["ASPNETCORE_HTTP_PORTS"];
        return int.Parse(value is null ? image : (string)value!);
    }
}
