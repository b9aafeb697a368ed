using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>
/// When the <c>deliveries</c> health check says degraded: a webhook delivery still pending this long after its
/// event means a receiver has been failing for a while (the old system's alarm on queue depth). Section
/// <c>Webhooks</c>, key <c>BacklogDegradedAfterSeconds</c>.
/// </summary>
public sealed class DeliveryHealthOptions
{
    public const string Section = "Webhooks";

    [Range(1, 7 * 24 * 3600)]
    public int BacklogDegradedAfterSeconds { get; set; } = 900;

    public TimeSpan DegradedAfter => TimeSpan.FromSeconds(BacklogDegradedAfterSeconds);

    public static HealthCheckResult Judge(TimeSpan? oldestPendingAge, TimeSpan degradedAfter)
    {
        var data = new Dictionary<string, object> { ["oldestPendingSeconds"] = Math.Round(oldestPendingAge?.TotalSeconds ?? 0, 1) };
        return oldestPendingAge switch
        {
            null => HealthCheckResult.Healthy("deliveries: nothing pending.", data),
            { } age when age > degradedAfter => HealthCheckResult.Degraded(
                $"deliveries: the oldest pending webhook delivery is {Seconds(age)} old (degraded after {Seconds(degradedAfter)}); a receiver is failing.", data: data),
            { } age => HealthCheckResult.Healthy($"deliveries: the oldest pending webhook delivery is {Seconds(age)} old.", data),
        };
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:F0} s";
}
