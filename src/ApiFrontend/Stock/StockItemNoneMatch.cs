using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>If-None-Match on a stock item: "*" (<see cref="Any"/>: a stock item always exists) or the tags it names.</summary>
public sealed record StockItemNoneMatch(bool Any, IReadOnlyList<StockItemTag> Tags)
{
    /// <summary>Whether the item, as it is now, is one the header names: then the write does not happen.</summary>
    public bool Names(StockLevels levels) => Any || Tags.Any(tag => tag.Matches(levels));
}
