using System.Diagnostics.Metrics;

namespace Quartermaster.Grains.Telemetry;

/// <summary>
/// The business meter. Labels stay low-cardinality: outcomes and transitions, never tenant or SKU.
/// Exported to Prometheus as quartermaster_orders_total, quartermaster_holds_total, and so on.
/// </summary>
public static class QuartermasterMetrics
{
    public const string MeterName = "Quartermaster";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Orders = Meter.CreateCounter<long>("quartermaster.orders", description: "Order status transitions.");
    private static readonly Counter<long> Holds = Meter.CreateCounter<long>("quartermaster.holds", description: "Hold placements by result.");
    private static readonly Counter<long> StockRejections = Meter.CreateCounter<long>("quartermaster.stock_rejections", description: "Commands refused for insufficient stock.");
    private static readonly Counter<long> Expiries = Meter.CreateCounter<long>("quartermaster.expiries", description: "Holds released by expiry.");
    private static readonly Counter<long> SweepWakes = Meter.CreateCounter<long>("quartermaster.order_sweep_wakes", description: "Orders woken by the order sweep, by result.");
    private static readonly Counter<long> WriteBatches = Meter.CreateCounter<long>("quartermaster.storage_write_batches", description: "Group-commit writes of stock items.");
    private static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>("quartermaster.storage_batch_size", unit: "{command}",
        description: "Commands per stock item write.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    public static void OrderTransition(string status) => Orders.Add(1, new KeyValuePair<string, object?>("transition", status));

    public static void HoldPlaced(string result) => Holds.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void StockRejected() => StockRejections.Add(1);

    public static void Expired(int count) => Expiries.Add(count);

    public static void OrderSwept(string result) => SweepWakes.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void BatchWritten(int commands)
    {
        WriteBatches.Add(1);
        BatchSize.Record(commands);
    }
}
