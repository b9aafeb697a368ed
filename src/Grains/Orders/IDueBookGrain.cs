namespace Quartermaster.Grains.Orders;

/// <summary>
/// One sweep range of one due index in memory mode. Key: <see cref="DueBooks.Orders"/> or
/// <see cref="DueBooks.Holds"/> of the range's number.
/// </summary>
[Alias("qm.IDueBookGrain")]
public interface IDueBookGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(string key, DateTimeOffset? dueAt);

    [Alias("Due")]
    Task<IReadOnlyList<DueEntry>> Due(DateTimeOffset now, DueEntry? after, int limit);
}

/// <summary>The keys of the memory-mode due books: one per index and range.</summary>
public static class DueBooks
{
    public static string Orders(int range) => $"orders/{range}";

    public static string Holds(int range) => $"holds/{range}";

    /// <summary>FNV-1a: stable across processes and runs, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static int RangeOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % OrderSweep.Ranges);
    }
}
