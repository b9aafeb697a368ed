using System.Globalization;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>`?limit=` (1..500, default 50) and `?cursor=` of every list, read as text so bad values name their field.</summary>
public sealed record ListParameters(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static ListParameters Read(string? limit, string? cursor, FieldErrors errors)
    {
        var parsedLimit = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLimit)
            || parsedLimit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"Must be an integer from 1 to {MaxLimit}.");
        }

        if (!Cursors.TryDecode(cursor, out var after))
        {
            errors.Add("cursor", "Not a cursor this API returned.");
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
