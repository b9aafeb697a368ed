using System.Globalization;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>`?limit=` (1..500, default 50) and `?cursor=` of every list, read as text so bad values name their field.</summary>
public sealed record ListParameters(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>What every list says of a cursor it did not issue.</summary>
    public const string UnknownCursor = "Not a cursor this API returned.";

    /// <param name="isPosition">
    /// What the positions this list puts in its cursors look like (a sku, an eventId); a cursor carrying anything
    /// else is refused here. Lists whose positions have parts parse them, and refuse them, themselves.
    /// </param>
    public static ListParameters Read(string? limit, string? cursor, FieldErrors errors, Func<string, bool>? isPosition = null)
    {
        var parsedLimit = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLimit)
            || parsedLimit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"Must be an integer from 1 to {MaxLimit}.");
        }

        if (!Cursors.TryDecode(cursor, out var after) || (after is not null && isPosition is not null && !isPosition(after)))
        {
            errors.Add("cursor", UnknownCursor);
            after = null;
        }

        return new ListParameters(parsedLimit, after);
    }

    /// <summary>
    /// Where a list that also takes `after` (a position in the clear) starts: the cursor's position, else `after`.
    /// Both at once is a field error on cursor rather than one of them silently ignored.
    /// </summary>
    public string? StartAfter(string? after, FieldErrors errors)
    {
        if (after is not null && After is not null)
        {
            errors.Add("cursor", "Give after or cursor, not both.");
        }

        return After ?? after;
    }
}
