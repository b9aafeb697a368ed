using System.Collections.Concurrent;

namespace Quartermaster.Chaos.Load;

internal sealed record AckedReceipt(string Tenant, string Sku, string MovementId, long Quantity);

/// <summary>A hold the service acknowledged; Released once its release was acknowledged too.</summary>
internal sealed class AckedHold(string tenant, string sku, string holdId, long quantity)
{
    public string Tenant => tenant;
    public string Sku => sku;
    public string HoldId => holdId;
    public long Quantity => quantity;
    public bool Released { get; set; }
}

internal sealed record OrderLine(string Sku, string WarehouseId, long Quantity);

/// <summary>An order the service acknowledged; Confirmed once its confirmation was acknowledged too.</summary>
internal sealed class AckedOrder(string tenant, string orderId, IReadOnlyList<OrderLine> lines)
{
    public string Tenant => tenant;
    public string OrderId => orderId;
    public IReadOnlyList<OrderLine> Lines => lines;
    public bool Confirmed { get; set; }
}

/// <summary>Everything the service acknowledged during the run: each must be found exactly once afterwards.</summary>
internal sealed class Acknowledged
{
    public ConcurrentQueue<AckedReceipt> Receipts { get; } = new();
    public ConcurrentQueue<AckedHold> Holds { get; } = new();
    public ConcurrentQueue<AckedOrder> Orders { get; } = new();

    public int Count => Receipts.Count + Holds.Count + Orders.Count;
}
