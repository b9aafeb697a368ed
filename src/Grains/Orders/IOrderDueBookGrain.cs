namespace Quartermaster.Grains.Orders;

/// <summary>The due index of one sweep range in memory mode. Key: the range's number.</summary>
[Alias("qm.IOrderDueBookGrain")]
public interface IOrderDueBookGrain : IGrainWithIntegerKey
{
    [Alias("Record")]
    Task Record(string orderKey, DateTimeOffset? dueAt);

    [Alias("Due")]
    Task<IReadOnlyList<DueOrder>> Due(DateTimeOffset now, DueOrder? after, int limit);
}
