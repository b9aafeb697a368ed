using System.Globalization;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>
/// A stock item's ETag: its version (the seq of its last ledger entry), then its own low-stock threshold when
/// it has one ("12", "12.40"). A threshold change writes no ledger entry, so the version alone would let a
/// second threshold writer holding the same ETag go through.
/// </summary>
public readonly record struct StockItemTag(long Version, long? OwnThreshold)
{
    public static StockItemTag Of(StockLevels levels) => new(levels.Version, levels.OwnLowStockThreshold);

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

    public override string ToString() =>
        OwnThreshold is { } threshold
            ? string.Create(CultureInfo.InvariantCulture, $"{Version}.{threshold}")
            : Version.ToString(CultureInfo.InvariantCulture);

    private static bool TryParse(string text, out StockItemTag tag)
    {
        tag = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var versionText = dot < 0 ? text : text[..dot];
        if (!long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        if (dot < 0)
        {
            tag = new StockItemTag(version, null);
            return true;
        }

        if (!long.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var threshold))
        {
            return false;
        }

        tag = new StockItemTag(version, threshold);
        return true;
    }
}
