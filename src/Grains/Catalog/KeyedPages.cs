using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Catalog;

internal static class KeyedPages
{
    /// <summary>The items after <paramref name="after"/> in key order that <paramref name="keep"/> keeps, at most <paramref name="limit"/> of them.</summary>
    public static Page<T> After<T>(SortedDictionary<string, T> items, string? after, int limit, Func<T, bool>? keep = null)
    {
        var page = items
            .Where(pair => after is null || string.CompareOrdinal(pair.Key, after) > 0)
            .Where(pair => keep is null || keep(pair.Value))
            .Take(limit + 1)
            .ToList();
        var hasMore = page.Count > limit;
        var values = page.Take(limit).Select(pair => pair.Value).ToList();
        return new Page<T>(values, hasMore ? page[limit - 1].Key : null);
    }
}
