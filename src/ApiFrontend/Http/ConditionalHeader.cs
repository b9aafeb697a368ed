using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// If-Match or If-None-Match as RFC 9110 §13.1.1-2 define them: "*", or a list of entity-tags. If-Match compares
/// strongly, so a weak tag (W/"7") is kept out of <see cref="Tags"/>: it can never match, and a list of weak tags
/// only matches nothing. If-None-Match compares weakly: W/"7" names the same version as "7".
/// </summary>
public sealed record ConditionalHeader(string Name, bool AnyVersion, IReadOnlyList<string> Tags)
{
    public const string IfMatch = "If-Match";
    public const string IfNoneMatch = "If-None-Match";

    public delegate bool TagParser<T>(string tag, out T value);

    private const string Expected = "Must be \"*\" or ETags this API returned, separated by commas.";

    /// <summary>If-Match, or null when the request has none or it is neither "*" nor a list of entity-tags (a field error).</summary>
    public static ConditionalHeader? ReadIfMatch(HttpRequest request, FieldErrors errors) =>
        Read(IfMatch, request.Headers.IfMatch, weakMatches: false, errors);

    /// <summary>If-None-Match, or null when the request has none or it is neither "*" nor a list of entity-tags (a field error).</summary>
    public static ConditionalHeader? ReadIfNoneMatch(HttpRequest request, FieldErrors errors) =>
        Read(IfNoneMatch, request.Headers.IfNoneMatch, weakMatches: true, errors);

    /// <summary>The tags read as the resource writes its ETags; null, with a field error, if one is not such a tag.</summary>
    public List<T>? ParseTags<T>(TagParser<T> parse, FieldErrors errors)
    {
        var values = new List<T>(Tags.Count);
        foreach (var tag in Tags)
        {
            if (!parse(tag, out var value))
            {
                errors.Add(Name, Expected);
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    private static ConditionalHeader? Read(string name, StringValues values, bool weakMatches, FieldErrors errors)
    {
        if (TryRead(name, values, weakMatches, out var header))
        {
            return header;
        }

        errors.Add(name, Expected);
        return null;
    }

    /// <summary>Null when the request has no such header; false when the header is neither "*" nor a list of entity-tags.</summary>
    private static bool TryRead(string name, StringValues values, bool weakMatches, out ConditionalHeader? header)
    {
        header = null;
        if (string.IsNullOrWhiteSpace(values.ToString()))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            return false;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            // "*" stands alone: with other tags beside it the header is neither form.
            header = new ConditionalHeader(name, true, []);
            return tags.Count == 1;
        }

        header = new ConditionalHeader(name, false, tags.Where(t => weakMatches || !t.IsWeak).Select(t => t.Tag.Value![1..^1]).ToList());
        return true;
    }
}
