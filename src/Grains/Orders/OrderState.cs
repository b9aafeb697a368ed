using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Orders;

[GenerateSerializer]
[Alias("qm.OrderState")]
public sealed class OrderState
{
    /// <summary>Null until every line is reserved.</summary>
    [Id(0)]
    public OrderStatus? Status { get; set; }

    /// <summary>The transition recorded before its line operations ran; set until it has finished.</summary>
    [Id(1)]
    public OrderStatus? Target { get; set; }

    [Id(2)]
    public string? CustomerRef { get; set; }

    [Id(3)]
    public List<OrderLine> Lines { get; set; } = [];

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(5)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(6)]
    public DateTimeOffset? ExpiresAt { get; set; }

    [Id(7)]
    public List<OrderHistoryEntry> History { get; set; } = [];

    [Id(8)]
    public long Version { get; set; }

    /// <summary>Counts placement attempts, so a retry after a refused one uses fresh hold ids.</summary>
    [Id(9)]
    public int Attempt { get; set; }

    /// <summary>When the sweep should next look at this order (<see cref="OrderSweep.DueAt"/>); null when nothing can be due.</summary>
    [Id(10)]
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>
    /// The events of the transitions since the last successful write, which that write carries (not serialised:
    /// they describe the difference from the stored copy).
    /// </summary>
    [NonSerialized]
    private List<PendingEvent>? _unwrittenEvents;

    public List<PendingEvent> UnwrittenEvents() => _unwrittenEvents ??= [];

    public bool HasUnwrittenEvents() => _unwrittenEvents is { Count: > 0 };

    /// <summary>After a successful write: the stored copy now has these events.</summary>
    public void MarkEventsWritten() => _unwrittenEvents = null;

    /// <summary>Copies the lists: a view may stay in the same silo, where immutable values are not copied.</summary>
    public OrderView ToView(string orderId) =>
        new(orderId, Status!.Value, CustomerRef, [.. Lines], CreatedAt, UpdatedAt, ExpiresAt, [.. History], Version);
}
