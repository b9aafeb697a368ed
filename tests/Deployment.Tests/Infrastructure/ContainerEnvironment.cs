using System.Text.RegularExpressions;

namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>
/// The environment Kubernetes would give a container, resolved here: ConfigMap values, literal values with
/// $(VAR) expanded, downward API fields for a pod on loopback, Secret keys from <c>secrets</c> (keys
/// missing there are left out); then <c>overrides</c> (free ports, so tests never collide).
/// </summary>
internal static partial class ContainerEnvironment
{
    private static readonly Dictionary<string, string> PodFields = new(StringComparer.Ordinal)
    {
        ["status.podIP"] = "127.0.0.1",
        ["metadata.name"] = "deployment-tests-pod",
        ["metadata.namespace"] = "deployment-tests",
    };

    public static Dictionary<string, string> Resolve(
        Manifests manifests, string overlay, JsonObject container,
        IReadOnlyDictionary<string, string> secrets, IReadOnlyDictionary<string, string> overrides)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, source) in manifests.Environment(overlay, container))
        {
            switch (source)
            {
                case JsonValue value:
                    environment[name] = Reference().Replace((string)value!, m => environment.GetValueOrDefault(m.Groups[1].Value, m.Value));
                    break;
                case JsonObject { } from when from["fieldRef"] is { } field:
                    environment[name] = PodFields[(string)field["fieldPath"]!];
                    break;
                case JsonObject { } from when from["secretKeyRef"] is { } secret:
                    if (secrets.TryGetValue((string)secret["key"]!, out var secretValue))
                    {
                        environment[name] = secretValue;
                    }

                    break;
                default:
                    throw new NotSupportedException($"{name}: {source?.ToJsonString()}");
            }
        }

        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
