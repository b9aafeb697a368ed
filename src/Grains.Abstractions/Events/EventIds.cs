using System.Globalization;

namespace Quartermaster.Grains.Abstractions.Events;

/// <summary>
/// An event id: two fixed-width hexadecimal numbers, the order of the event's commit among the tenant's and its
/// place within that commit, so that ids compare ordinally in the log's order.
/// </summary>
public static class EventIds
{
    public static string Format(ulong commit, long position) =>
        string.Create(CultureInfo.InvariantCulture, $"{commit:x16}{(ulong)position:x16}");

    /// <summary>Sorts before every event: reading after it reads from the log's start.</summary>
    public static readonly string BeforeFirst = Format(0, 0);

    /// <summary>32 lower-case hex digits: what every event id looks like, whether or not it can name an event.</summary>
    public static bool HasIdShape(string? id) => id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static bool TryParse(string? id, out ulong commit, out long position)
    {
        commit = 0;
        position = 0;
        if (!HasIdShape(id))
        {
            return false;
        }

        if (!ulong.TryParse(id.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out commit)
            || !ulong.TryParse(id.AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var p) || p > long.MaxValue)
        {
            return false;
        }

        position = (long)p;
        return true;
    }
}
