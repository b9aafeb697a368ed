using System.ComponentModel.DataAnnotations;

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

    public static Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult Judge(TimeSpan? oldestPendingAge, TimeSpan degradedAfter)
    {
        var data = new Dictionary<string, object> { ["oldestPendingSeconds"] = Math.Round(oldestPendingAge?.TotalSeconds ?? 0, 1) };
        return oldestPendingAge is { } age && age > degradedAfter
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(
                $"deliveries: the oldest pending webhook delivery is {age.TotalMinutes:F0} minutes old (degraded after {degradedAfter.TotalMinutes:F0}); a receiver is failing.", data: data)
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(
                oldestPendingAge is null ? "deliveries: nothing pending." : $"deliveries: the oldest pending delivery is {oldestPendingAge.Value.TotalSeconds:F0} s old.", data);
    }
}
