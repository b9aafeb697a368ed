using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>Reads the filters of GET /stock; the cursor carries the (sku, warehouseId) to continue after.</summary>
internal static class StockListQuery
{
    public static StockQuery Read(string? warehouseId, string? sku, string? low, string? limit, string? cursor, long tenantThreshold, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors);
        errors.Id("warehouseId", warehouseId, required: false).Id("sku", sku, required: false);
        return new StockQuery(warehouseId, sku, ParseLow(low, errors), tenantThreshold, ParsePosition(list.After, errors), list.Limit);
    }

    public static string? CursorOf(StockPosition? next) => next is null ? null : Cursors.Encode($"{next.Sku}/{next.WarehouseId}");

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
