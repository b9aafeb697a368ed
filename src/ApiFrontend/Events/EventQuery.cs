using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.ApiFrontend.Events;

/// <summary>Reads `after`, `cursor`, `types` and `limit` of the event endpoints, naming each bad field.</summary>
internal static class EventQuery
{
    /// <summary>`after` is where the list starts, not a filter: the cursor of a list begun after an event does not repeat it.</summary>
    public static (string? After, IReadOnlyList<string>? Types, ListParameters List) Read(
        string? after, string? types, string? limit, string? cursor, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors, filters: new ListFilters().Add("types", types, SelectedTypes));
        var position = list.StartAfter(after, errors);
        if (position is not null && !EventIds.TryParse(position, out _, out _))
        {
            errors.Add(list.After is null ? "after" : "cursor", list.After is null ? "Must be an eventId this API returned." : ListParameters.UnknownCursor);
        }

        return (position, Types(list.Filters["types"], list.FilterErrors(errors)), list);
    }

    /// <summary>
    /// The concrete types a `types` list selects; null when it selects every type. The list takes what a webhook
    /// endpoint's filter takes: exact types, families (<c>order.*</c>) and <c>*</c>.
    /// </summary>
    public static IReadOnlyList<string>? Types(string? types, FieldErrors errors)
    {
        if (types is null)
        {
            return null;
        }

        var named = types.Split(',', StringSplitOptions.TrimEntries);
        var unknown = named.Where(t => !EventTypePatterns.IsValid(t)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("types", $"Unknown event type(s): {string.Join(", ", unknown.Select(t => t.Length == 0 ? "(empty)" : t))}. Known: {string.Join(", ", EventTypes.Known)}; a family such as order.* or * selects several.");
        }

        return EventTypePatterns.Expand(named);
    }

    public static string? CursorOf(ListParameters list, EventPage page) => page.More ? list.NextCursor(page.Events[^1].EventId) : null;

    /// <summary>A `types` list as the set of types it selects (null for every type), so that lists of the same types in any order or spelled as families compare equal.</summary>
    private static string? SelectedTypes(string types)
    {
        var named = types.Split(',', StringSplitOptions.TrimEntries);
        if (!named.All(EventTypePatterns.IsValid))
        {
            return types;
        }

        return EventTypePatterns.Expand(named) is { } selected ? string.Join(',', selected) : null;
    }
}
