using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>A stock item's <see cref="StockItemTag"/> as its ETag, and If-Match and If-None-Match read back into tags.</summary>
public static class StockItemETags
{
    public static void Set(HttpResponse response, StockLevels levels) => ETags.Set(response, StockItemTag.Of(levels).ToString());

    /// <summary>
    /// The tags If-Match admits, or null when the write needs none: no If-Match, or "*", which holds because a stock
    /// item exists while its product and warehouse do (the endpoint checks them first, and neither is ever deleted).
    /// A header that is not "*" or a list of a stock item's ETags is a field error.
    /// </summary>
    public static IReadOnlyList<StockItemTag>? ReadIfMatch(HttpRequest request, FieldErrors errors) =>
        ConditionalHeader.ReadIfMatch(request, errors) is { AnyVersion: false } header ? header.ParseTags<StockItemTag>(StockItemTag.TryParse, errors) : null;

    /// <summary>If-None-Match, or null when it was not sent; a header that is not "*" or a list of a stock item's ETags is a field error.</summary>
    public static StockItemNoneMatch? ReadIfNoneMatch(HttpRequest request, FieldErrors errors) =>
        ConditionalHeader.ReadIfNoneMatch(request, errors) switch
        {
            null => null,
            { AnyVersion: true } => new StockItemNoneMatch(true, []),
            var header => header.ParseTags<StockItemTag>(StockItemTag.TryParse, errors) is { } tags ? new StockItemNoneMatch(false, tags) : null,
        };
}
