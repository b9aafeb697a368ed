using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Orders;

/// <summary>
/// Wakes the orders of one hash range whose guard is due (an interrupted transition, a reservation past its
/// expiry). Key: the range's number, 0 to <c>OrderSweep.Ranges - 1</c>.
/// </summary>
[Alias("qm.IOrderSweeperGrain")]
public interface IOrderSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Does nothing but make sure the sweeper is active (and so sweeping) somewhere in the cluster.</summary>
    [AlwaysInterleave, Alias("Ping")]
    Task Ping();
}
