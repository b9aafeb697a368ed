using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>The body of GET /health: the overall status and each check's.</summary>
public sealed record HealthResponse([property: AllowedValues("healthy", "degraded", "unhealthy")] string Status, string Version, DateTime Timestamp, IReadOnlyDictionary<string, HealthCheckEntry> Checks)
{
    private static readonly string AppVersion =
        typeof(HealthResponse).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public static HealthResponse From(HealthReport report, DateTimeOffset now) => new(
        Name(report.Status), AppVersion, now.UtcDateTime,
        report.Entries.ToDictionary(e => e.Key, e => new HealthCheckEntry(Name(e.Value.Status), e.Value.Description)));

    public static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}

public sealed record HealthCheckEntry([property: AllowedValues("healthy", "degraded", "unhealthy")] string Status, string? Description);
