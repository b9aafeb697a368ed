namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>
/// Every overlay rendered and validated by scripts/validate-k8s (which fails on any schema or reference
/// error), read back as JSON, plus docker-compose.yml as the same script parses it.
/// </summary>
public sealed class Manifests : IAsyncLifetime
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "qm-manifests-" + Guid.NewGuid().ToString("N")[..8]);

    public Dictionary<string, List<JsonObject>> Overlays { get; } = [];

    public JsonObject Compose { get; private set; } = [];

    public string ValidatorOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var result = await Processes.RunAsync(
            [Repository.PathOf("scripts", "validate-k8s"), "--out", _output], Repository.Root,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
        ValidatorOutput = result.Output;
        Assert.True(result.ExitCode == 0, $"scripts/validate-k8s failed:\n{result.Output}");
        foreach (var file in Directory.GetFiles(_output, "*.json"))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            if (Path.GetFileNameWithoutExtension(file) == "compose")
            {
                Compose = node.AsObject();
            }
            else
            {
                Overlays[Path.GetFileNameWithoutExtension(file)] = [.. node.AsArray().Select(o => o!.AsObject())];
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }

    public IEnumerable<(string Overlay, JsonObject Object)> All() =>
        Overlays.SelectMany(o => o.Value.Select(x => (o.Key, x)));

    public static string Kind(JsonObject o) => (string)o["kind"]!;

    public static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    public JsonObject Get(string overlay, string kind, string name) =>
        Overlays[overlay].Single(o => Kind(o) == kind && Name(o) == name);

    /// <summary>Containers of the workloads that run our image (not PostgreSQL or Redis).</summary>
    public IEnumerable<(string Overlay, JsonObject Workload, JsonObject Container)> OurContainers() =>
        from item in All()
        where Kind(item.Object) is "Deployment" or "StatefulSet" or "Job"
        from container in item.Object["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject())
        where ((string)container["image"]!).Contains("quartermaster", StringComparison.Ordinal)
        select (item.Overlay, item.Object, container);

    public static JsonObject Container(JsonObject workload, string name) =>
        workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string)c["name"]! == name);

    public static IReadOnlyList<string> Strings(JsonNode? array) =>
        array is null ? [] : [.. array.AsArray().Select(n => (string)n!)];

    /// <summary>The environment a container sees, by name: envFrom ConfigMaps expanded, then env (values or a description of their source).</summary>
    public Dictionary<string, JsonNode?> Environment(string overlay, JsonObject container)
    {
        var environment = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var configMap = source!["configMapRef"] is { } reference ? Get(overlay, "ConfigMap", (string)reference["name"]!) : null;
            Assert.NotNull(configMap);
            foreach (var (name, value) in configMap["data"]!.AsObject())
            {
                environment[name] = value!.DeepClone();
            }
        }

        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            environment[(string)variable!["name"]!] = (variable["value"] ?? variable["valueFrom"])?.DeepClone();
        }

        return environment;
    }
}
