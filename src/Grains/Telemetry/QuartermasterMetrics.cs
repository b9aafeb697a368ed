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
    private static readonly Counter<long> HoldSweepWakes = Meter.CreateCounter<long>("quartermaster.hold_sweep_wakes", description: "Stock items woken by the sweep to expire holds past their expiry, by result.");
    private static readonly Counter<long> SweepWakes = Meter.CreateCounter<long>("quartermaster.order_sweep_wakes", description: "Orders woken by the order sweep, by result.");
    private static readonly Counter<long> WriteBatches = Meter.CreateCounter<long>("quartermaster.storage_write_batches",
        description: "Stock item writes, each carrying a batch of that item's commands.");
    private static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>("quartermaster.storage_batch_size", unit: "{command}",
        description: "Commands per stock item write.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    private static readonly Counter<long> Flushes = Meter.CreateCounter<long>("quartermaster.storage_flushes",
        description: "Group-commit flushes: one PostgreSQL transaction and round trip carrying the writes of many grains, by result.");
    private static readonly Histogram<long> FlushSize = Meter.CreateHistogram<long>("quartermaster.storage_flush_size", unit: "{write}",
        description: "Grain writes per committed flush.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
    private static readonly UpDownCounter<long> FlushesInFlight = Meter.CreateUpDownCounter<long>("quartermaster.storage_flushes_in_flight",
        description: "Flushes running now (bounded by Quartermaster:GroupCommit:MaxFlushesInFlight).");
    private static readonly Counter<long> IsolatedWrites = Meter.CreateCounter<long>("quartermaster.storage_isolated_writes",
        description: "Writes taken out of a flush because their own statement failed; the rest of the flush was run again without them.");

    public static void OrderTransition(string status) => Orders.Add(1, new KeyValuePair<string, object?>("transition", status));

    public static void HoldPlaced(string result) => Holds.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void StockRejected() => StockRejections.Add(1);

    public static void Expired(int count) => Expiries.Add(count);

    public static void OrderSwept(string result) => SweepWakes.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>A stock item woken by the sweep (its expired holds are counted by <see cref="Expired"/>).</summary>
    public static void HoldsSwept(string result) => HoldSweepWakes.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void BatchWritten(int commands)
    {
        WriteBatches.Add(1);
        BatchSize.Record(commands);
    }

    public static void FlushCommitted(int writes)
    {
        Flushes.Add(1, new KeyValuePair<string, object?>("result", "committed"));
        FlushSize.Record(writes);
    }

    public static void FlushFailed() => Flushes.Add(1, new KeyValuePair<string, object?>("result", "failed"));

    public static void FlushSlotTaken() => FlushesInFlight.Add(1);

    public static void FlushSlotFreed() => FlushesInFlight.Add(-1);

    public static void WriteIsolated() => IsolatedWrites.Add(1);
}
