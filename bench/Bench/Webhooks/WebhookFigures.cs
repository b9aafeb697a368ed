using System.Globalization;
using Quartermaster.Bench.Load;

namespace Quartermaster.Bench.Webhooks;

/// <summary>
/// Uniform orders measured back to back without and with one webhook endpoint subscribed to every event, and
/// how late the deliveries arrived.
/// </summary>
internal sealed record WebhookFigures(
    double OrdersPerSecondWithout, double OrdersPerSecondWith, long Events, long Delivered, long Requests,
    IReadOnlyList<double> SortedLagSeconds, TimeSpan DrainedAfterLoad)
{
    /// <summary>How much lower orders/s was with the endpoint, as a fraction of without (0.1 = 10% fewer).</summary>
    public double Drop => 1 - (OrdersPerSecondWith / OrdersPerSecondWithout);

    public double LagPercentile(double p) => Percentiles.Of(SortedLagSeconds, p);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"webhooks: uniform orders {OrdersPerSecondWithout:N0}/s without an endpoint, {OrdersPerSecondWith:N0}/s with one subscribed to every event "
        + $"({Drop:P1} fewer); {Delivered:N0} of {Events:N0} events delivered ({Requests - Delivered:N0} repeats), the last {DrainedAfterLoad.TotalSeconds:F1} s after the load; "
        + $"delivery lag p50 {LagPercentile(0.5) * 1000:F0} ms, p99 {LagPercentile(0.99) * 1000:F0} ms, max {LagPercentile(1) * 1000:F0} ms");
}
