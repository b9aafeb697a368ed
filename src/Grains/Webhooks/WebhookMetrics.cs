using System.Diagnostics.Metrics;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Webhook delivery on the business meter: attempts by result, and how long after its event a delivery
/// succeeded (quartermaster_webhook_attempts_total, quartermaster_webhook_delivery_lag_seconds).
/// The backlog gauges are <see cref="DeliveryBacklog"/>'s.
/// </summary>
public static class WebhookMetrics
{
    private static readonly Meter Meter = new(QuartermasterMetrics.MeterName);

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("quartermaster.webhook_attempts",
        description: "Webhook delivery attempts by result: succeeded, retrying (failed, tried again later) or failed (gave up).");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("quartermaster.webhook_delivery_lag", unit: "s",
        description: "From an event to its successful delivery, retries included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] });

    public static void Attempted(DeliveryStatus outcome, TimeSpan? lag)
    {
        var result = outcome switch
        {
            DeliveryStatus.Succeeded => "succeeded",
            DeliveryStatus.Pending => "retrying",
            _ => "failed",
        };
        Attempts.Add(1, new KeyValuePair<string, object?>("result", result));
        if (lag is { } value)
        {
            Lag.Record(Math.Max(0, value.TotalSeconds));
        }
    }
}
