using System.Buffers.Text;
using System.Text;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// Opaque list cursors, base64url-encoded: the position to continue after and, on a second line, the filters of the
/// list it continues (<see cref="ListFilters"/>). A list without filters, and every release before filters were kept,
/// writes the position alone; no position holds a line break.
/// </summary>
public static class Cursors
{
    private const char FiltersFollow = '\n';

    public static string? Encode(string? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    public static string? Encode(string? position, string filters) => position is null ? null : Encode(position + FiltersFollow + filters);

    /// <summary>The position a cursor carries, and the text of its filters (null when it has none recorded).</summary>
    public static bool TryDecode(string? cursor, out string? position, out string? filters)
    {
        filters = null;
        if (!TryDecode(cursor, out position))
        {
            return false;
        }

        if (position is null)
        {
            return true;
        }

        var split = position.IndexOf(FiltersFollow, StringComparison.Ordinal);
        if (split >= 0)
        {
            filters = position[(split + 1)..];
            position = position[..split];
        }

        return position.Length > 0;
    }

    /// <summary>
    /// The text a cursor carries; false for text <see cref="Encode(string?)"/> cannot have produced. Most short strings
    /// are base64url of something (`abc` is two bytes that are not UTF-8), so the text must encode back to the cursor
    /// exactly.
    /// </summary>
    private static bool TryDecode(string? cursor, out string? text)
    {
        text = null;
        if (cursor is null)
        {
            return true;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (decoded.Length == 0 || Encode(decoded) != cursor)
            {
                return false;
            }

            text = decoded;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
