using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>Reads the filters of GET /stock; the cursor carries them and the (sku, warehouseId) to continue after.</summary>
internal static class StockListQuery
{
    public static (StockQuery Query, ListParameters List) Read(
        string? warehouseId, string? sku, string? low, string? limit, string? cursor, long tenantThreshold, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors, filters: new ListFilters()
            .Add("warehouseId", warehouseId).Add("sku", sku).Add("low", low, value => value == "false" ? null : value));
        var (filters, filterErrors) = (list.Filters, list.FilterErrors(errors));
        filterErrors.Id("warehouseId", filters["warehouseId"], required: false).IdPrefix("sku", filters["sku"]);
        var query = new StockQuery(
            filters["warehouseId"], filters["sku"], ParseLow(filters["low"], filterErrors), tenantThreshold, ParsePosition(list.After, errors), list.Limit);
        return (query, list);
    }

    public static string? CursorOf(ListParameters list, StockPosition? next) => next is null ? null : list.NextCursor($"{next.Sku}/{next.WarehouseId}");

    private static bool ParseLow(string? low, FieldErrors errors)
    {
        switch (low)
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                errors.Add("low", "Must be true or false.");
                return false;
        }
    }

    /// <summary>Ids never hold a slash, so it separates them.</summary>
    private static StockPosition? ParsePosition(string? position, FieldErrors errors)
    {
        if (position is null)
        {
            return null;
        }

        var parts = position.Split('/');
        if (parts.Length == 2 && parts.All(ResourceId.IsValid))
        {
            return new StockPosition(parts[0], parts[1]);
        }

        errors.Add("cursor", ListParameters.UnknownCursor);
        return null;
    }
}
