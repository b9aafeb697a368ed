using System.Collections.Concurrent;

namespace Quartermaster.Grains.Abstractions.Identifiers;

/// <summary>
/// One string per tenant id and warehouse id in a process, shared by the keys of the stock items known to be real
/// (<see cref="StockItemKey.WithSharedIds"/>). A silo
/// holds stock items by the million, nearly all of them sharing a handful of tenants and warehouses, and each kept
/// its own copies (about 90 bytes an item). Bounded: once full, further ids are used as given instead of being
/// shared, so keys built from endless distinct ids cannot grow it.
/// </summary>
internal static class SharedIdentifiers
{
    public const int Capacity = 16_384;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int _count;

    public static string Of(string id)
    {
        if (Pool.TryGetValue(id, out var shared))
        {
            return shared;
        }

        // Counted apart from the dictionary: its Count takes every lock. Racing adders may overshoot by a few.
        if (Volatile.Read(ref _count) >= Capacity)
        {
            return id;
        }

        if (Pool.TryAdd(id, id))
        {
            Interlocked.Increment(ref _count);
            return id;
        }

        return Pool.TryGetValue(id, out shared) ? shared : id;
    }
}
