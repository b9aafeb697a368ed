using System.Globalization;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.ApiFrontend.Orders;

/// <summary>Reads the filters of GET /orders; the cursor carries them and the (createdAt, orderId) to continue after.</summary>
internal static class OrderListQuery
{
    public static (OrderQuery Query, ListParameters List) Read(string? status, string? customerRef, string? createdFrom, string? createdTo,
        string? limit, string? cursor, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors, filters: new ListFilters()
            .Add("status", status).Add("customerRef", customerRef).Add("createdFrom", createdFrom, Instant).Add("createdTo", createdTo, Instant));
        var (filters, filterErrors) = (list.Filters, list.FilterErrors(errors));
        filterErrors.Id("customerRef", filters["customerRef"], required: false);
        var query = new OrderQuery(
            ParseStatus(filters["status"], filterErrors), filters["customerRef"],
            ParseTime("createdFrom", filters["createdFrom"], filterErrors), ParseTime("createdTo", filters["createdTo"], filterErrors),
            ParsePosition(list.After, errors), list.Limit);
        return (query, list);
    }

    public static string? CursorOf(ListParameters list, OrderPosition? next) =>
        next is null ? null : list.NextCursor($"{next.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{next.OrderId}");

    /// <summary>A timestamp as the instant it names, so the same time written another way is the same filter.</summary>
    private static string Instant(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value;

    private static OrderStatus? ParseStatus(string? status, FieldErrors errors)
    {
        if (status is null)
        {
            return null;
        }

        var match = Enum.GetValues<OrderStatus>().Where(s => s.ToString().ToLowerInvariant() == status).ToList();
        if (match.Count == 1)
        {
            return match[0];
        }

        errors.Add("status", "Must be one of: " + string.Join(", ", Enum.GetNames<OrderStatus>().Select(n => n.ToLowerInvariant())) + ".");
        return null;
    }

    private static DateTimeOffset? ParseTime(string field, string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, "Must be an ISO 8601 timestamp.");
        return null;
    }

    private static OrderPosition? ParsePosition(string? position, FieldErrors errors)
    {
        if (position is null)
        {
            return null;
        }

        var parts = position.Split('|', 2);
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && ResourceId.IsValid(parts[1]))
        {
            return new OrderPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        }

        errors.Add("cursor", ListParameters.UnknownCursor);
        return null;
    }
}
