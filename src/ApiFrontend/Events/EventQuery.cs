using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.ApiFrontend.Events;

/// <summary>Reads `after`, `cursor`, `types` and `limit` of the event endpoints, naming each bad field.</summary>
internal static class EventQuery
{
    public static (string? After, IReadOnlyList<string>? Types, int Limit) Read(
        string? after, string? types, string? limit, string? cursor, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors);
        if (after is not null && list.After is not null)
        {
            errors.Add("cursor", "Give after or cursor, not both.");
        }

        var position = list.After ?? after;
        if (position is not null && !EventIds.TryParse(position, out _, out _))
        {
            errors.Add(list.After is null ? "after" : "cursor", list.After is null ? "Must be an eventId this API returned." : "Not a cursor this API returned.");
        }

        return (position, Types(types, errors), list.Limit);
    }

    public static IReadOnlyList<string>? Types(string? types, FieldErrors errors)
    {
        if (types is null)
        {
            return null;
        }

        var named = types.Split(',', StringSplitOptions.TrimEntries);
        var unknown = named.Where(t => !EventTypes.Known.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("types", $"Unknown event type(s): {string.Join(", ", unknown.Select(t => t.Length == 0 ? "(empty)" : t))}. Known: {string.Join(", ", EventTypes.Known)}.");
        }

        return named.Distinct(StringComparer.Ordinal).ToList();
    }

    public static string? CursorOf(EventPage page) => page.More ? Cursors.Encode(page.Events[^1].EventId) : null;
}
