using System.Globalization;

namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>
/// A stock item's ETag: its version (the seq of its last ledger entry), then its own low-stock threshold when
/// it has one, else the tenant's it follows ("12", "12.40", "12~40"). A threshold change writes no ledger entry,
/// so the version alone would let a second threshold writer holding the same ETag go through, and would stay the
/// same while the item's body shows another threshold. If-Match compares the version and the own threshold: the
/// tenant's is not the item's to write.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.StockItemTag")]
public readonly record struct StockItemTag(
    [property: Id(0)] long Version, [property: Id(1)] long? OwnThreshold, [property: Id(2)] long? TenantThreshold = null)
{
    /// <summary>The tenant's threshold 0 (nothing is low, the default) adds nothing, so such an item's tag is its version alone.</summary>
    public static StockItemTag Of(StockLevels levels) =>
        new(levels.Version, levels.OwnLowStockThreshold, levels is { OwnLowStockThreshold: null, LowStockThreshold: > 0 } ? levels.LowStockThreshold : null);

    /// <summary>Whether If-Match naming this tag holds for the item now: its version and own threshold, the tenant's aside.</summary>
    public bool Matches(StockLevels levels) => Version == levels.Version && OwnThreshold == levels.OwnLowStockThreshold;

    public override string ToString() => (OwnThreshold, TenantThreshold) switch
    {
        ({ } own, _) => string.Create(CultureInfo.InvariantCulture, $"{Version}.{own}"),
        (null, { } tenant) => string.Create(CultureInfo.InvariantCulture, $"{Version}~{tenant}"),
        _ => Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The tag this type's <see cref="ToString"/> wrote; false for any other text.</summary>
    public static bool TryParse(string text, out StockItemTag tag)
    {
        tag = default;
        var separator = text.IndexOfAny(['.', '~']);
        var versionText = separator < 0 ? text : text[..separator];
        if (!long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        if (separator < 0)
        {
            tag = new StockItemTag(version, null);
            return true;
        }

        if (!long.TryParse(text[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var threshold))
        {
            return false;
        }

        tag = text[separator] == '.' ? new StockItemTag(version, threshold) : new StockItemTag(version, null, threshold);
        return true;
    }
}
