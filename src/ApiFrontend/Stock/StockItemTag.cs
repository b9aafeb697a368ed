using System.Globalization;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>
/// A stock item's ETag: its version (the seq of its last ledger entry), then its own low-stock threshold when
/// it has one, else the tenant's it follows ("12", "12.40", "12~40"). A threshold change writes no ledger entry,
/// so the version alone would let a second threshold writer holding the same ETag go through, and would stay the
/// same while the item's body shows another threshold. If-Match compares the version and the own threshold: the
/// tenant's is not the item's to write.
/// </summary>
public readonly record struct StockItemTag(long Version, long? OwnThreshold, long? TenantThreshold = null)
{
    /// <summary>The tenant's threshold 0 (nothing is low, the default) adds nothing, so such an item's tag is its version alone.</summary>
    public static StockItemTag Of(StockLevels levels) =>
        new(levels.Version, levels.OwnLowStockThreshold, levels is { OwnLowStockThreshold: null, LowStockThreshold: > 0 } ? levels.LowStockThreshold : null);

    public static void Set(HttpResponse response, StockLevels levels) => ETags.Set(response, Of(levels).ToString());

    /// <summary>The tag If-Match names, or null when it names none; a header that is not a stock item's ETag is a field error.</summary>
    public static StockItemTag? ReadIfMatch(HttpRequest request, FieldErrors errors)
    {
        if (!ETags.TryReadIfMatchTag(request, out var text))
        {
            errors.Add("If-Match", "Must be an ETag this API returned.");
            return null;
        }

        if (text is null)
        {
            return null;
        }

        if (TryParse(text, out var tag))
        {
            return tag;
        }

        errors.Add("If-Match", "Must be an ETag this API returned for this stock item.");
        return null;
    }

    public override string ToString() => (OwnThreshold, TenantThreshold) switch
    {
        ({ } own, _) => string.Create(CultureInfo.InvariantCulture, $"{Version}.{own}"),
        (null, { } tenant) => string.Create(CultureInfo.InvariantCulture, $"{Version}~{tenant}"),
        _ => Version.ToString(CultureInfo.InvariantCulture),
    };

    private static bool TryParse(string text, out StockItemTag tag)
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
