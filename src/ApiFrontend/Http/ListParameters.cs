using System.Globalization;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// `?limit=` (1..500, default 50) and `?cursor=` of every list, read as text so bad values name their field, and the
/// filters the list is read with. A cursor continues the list that issued it, filters included: a request that gives
/// no filter takes the cursor's, one that gives exactly the cursor's (once normalised) reads as it is, and any other
/// is refused on `cursor` (a filter sent empty, `q=`, counts as given: whoever sends it means something by it). A cursor
/// with no filters recorded (a release before they were) takes the request's.
/// `limit` is not a filter: any limit may follow a cursor.
/// </summary>
public sealed record ListParameters(int Limit, string? After, ListFilters Filters, bool FiltersFromCursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>What every list says of a cursor it did not issue.</summary>
    public const string UnknownCursor = "Not a cursor this API returned.";

    /// <param name="isPosition">
    /// What the positions this list puts in its cursors look like (a sku, an eventId); a cursor carrying anything
    /// else is refused here. Lists whose positions have parts parse them, and refuse them, themselves.
    /// </param>
    /// <param name="filters">The filters the request gave; none when the list has none.</param>
    public static ListParameters Read(string? limit, string? cursor, FieldErrors errors, Func<string, bool>? isPosition = null, ListFilters? filters = null)
    {
        var parsedLimit = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsedLimit)
            || parsedLimit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"Must be an integer from 1 to {MaxLimit}.");
        }

        filters ??= new ListFilters();
        ListFilters? recorded = null;
        if (!Cursors.TryDecode(cursor, out var after, out var recordedText) || (after is not null && isPosition is not null && !isPosition(after))
            || (recordedText is not null && !filters.TryRead(recordedText, out recorded)))
        {
            errors.Add("cursor", UnknownCursor);
            return new ListParameters(parsedLimit, null, filters, FiltersFromCursor: false);
        }

        if (recorded is null || recorded.SameAs(filters))
        {
            return new ListParameters(parsedLimit, after, filters, FiltersFromCursor: false);
        }

        if (!filters.AnySent)
        {
            return new ListParameters(parsedLimit, after, recorded, FiltersFromCursor: true);
        }

        errors.Add("cursor", $"This cursor continues a list with other filters ({recorded.Description}): "
            + "repeat exactly those filters with it, or leave every filter out.");
        return new ListParameters(parsedLimit, null, filters, FiltersFromCursor: false);
    }

    /// <summary>Where the list reports its filters' faults: those of filters the cursor carried are the cursor's.</summary>
    public FieldErrors FilterErrors(FieldErrors errors) => FiltersFromCursor ? errors.ReportedAs("cursor", UnknownCursor) : errors;

    /// <summary>The cursor of the page after this one, which continues after <paramref name="position"/> with these filters.</summary>
    public string? NextCursor(string? position) => Filters.IsEmpty ? Cursors.Encode(position) : Cursors.Encode(position, Filters.Text);

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
