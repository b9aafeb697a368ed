namespace Quartermaster.Grains.Orders;

/// <summary>
/// How unfinished and expiring orders are found without a reminder per order. Each order row carries the
/// time its guard is next due; a fixed number of sweepers, one per hash range of the order key, each read
/// the due rows of their range and wake those orders.
/// </summary>
/// <remarks>
/// Hash ranges rather than one sweeper per tenant: the number of sweepers (and of reminder rows, and of
/// sweep queries) stays the same however many tenants there are, placing an order never has to make sure a
/// sweeper exists for its tenant, and one tenant's expiry storm is spread over every sweeper and silo.
/// </remarks>
public static class OrderSweep
{
    /// <summary>Sweepers in the cluster; every silo must agree, so it is not configuration.</summary>
    public const int Ranges = 8;

    /// <summary>
    /// How often every silo pings every sweeper. A sweeper that lived on a dead silo is active again on a
    /// survivor within this much after membership declares the silo dead, instead of up to a minute later at
    /// its reminder's next tick.
    /// </summary>
    public static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromSeconds(10);

    /// <summary>The sweepers' reminder: what keeps them alive if nothing else does.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A transition recorded but not finished is due this long after it was recorded: far beyond a normal
    /// order's few milliseconds, so the sweep only ever wakes orders that a crash or a failure left behind.
    /// </summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromSeconds(10);

    /// <summary>Due orders read per query, and woken side by side.</summary>
    public const int PageSize = 64;

    /// <summary>Pages per sweep; what is left is taken by the next sweep a few seconds later.</summary>
    public const int MaxPagesPerSweep = 32;

    /// <summary>How long a sweep waits for one order (one on a dead silo fails only after membership notices).</summary>
    public static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>When the order's guard is next due: soon while a transition is unfinished, at expiry while reserved.</summary>
    public static DateTimeOffset? DueAt(OrderState order, DateTimeOffset now) =>
        order.Target is not null ? now + ResumeAfter
        : order.Status is Abstractions.Orders.OrderStatus.Reserved ? order.ExpiresAt
        : null;
}
