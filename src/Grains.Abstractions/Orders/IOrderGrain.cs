using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Orders;

/// <summary>One order's state machine and the coordinator of its holds. Key: {tenantId}/{orderId}.</summary>
[Alias("qm.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Reserves every line or none; the same order again returns it as it is now.</summary>
    [Alias("Place")]
    Task<Outcome<OrderView>> Place(PlaceOrder command);

    [ReadOnly, Alias("Get")]
    Task<OrderView?> Get();

    [Alias("Confirm")]
    Task<Outcome<OrderView>> Confirm();

    [Alias("Ship")]
    Task<Outcome<OrderView>> Ship();

    [Alias("Cancel")]
    Task<Outcome<OrderView>> Cancel();

    /// <summary>Expires the order if it is reserved past its expiry; what the expiry timer calls.</summary>
    [Alias("ExpireIfDue")]
    Task<OrderView?> ExpireIfDue();

    /// <summary>
    /// What the sweep calls for an order whose row says it is due: finishes an interrupted transition, expires
    /// a reservation that is past due, and leaves the row's due time matching the order.
    /// </summary>
    [Alias("Sweep")]
    Task Sweep();
}
