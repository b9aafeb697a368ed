using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// If-Match as RFC 9110 §13.1.1 defines it: "*", or a list of entity-tags that holds when any of them is the
/// current one. The comparison is strong, so a weak tag (W/"7") is kept out of <see cref="StrongTags"/>: it can
/// never match, and a list of weak tags only matches nothing.
/// </summary>
public sealed record IfMatchHeader(bool AnyVersion, IReadOnlyList<string> StrongTags)
{
    public delegate bool TagParser<T>(string tag, out T value);

    private const string Expected = "Must be \"*\" or ETags this API returned, separated by commas.";

    /// <summary>The header, or null when the request has none or it is neither "*" nor a list of entity-tags (a field error).</summary>
    public static IfMatchHeader? Read(HttpRequest request, FieldErrors errors)
    {
        if (TryRead(request, out var header))
        {
            return header;
        }

        errors.Add("If-Match", Expected);
        return null;
    }

    /// <summary>The strong tags read as the resource writes its ETags; null, with a field error, if one is not such a tag.</summary>
    public List<T>? ParseTags<T>(TagParser<T> parse, FieldErrors errors)
    {
        var values = new List<T>(StrongTags.Count);
        foreach (var tag in StrongTags)
        {
            if (!parse(tag, out var value))
            {
                errors.Add("If-Match", Expected);
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>Null when the request has no If-Match; false when the header is neither "*" nor a list of entity-tags.</summary>
    private static bool TryRead(HttpRequest request, out IfMatchHeader? header)
    {
        header = null;
        var values = request.Headers.IfMatch;
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
            header = new IfMatchHeader(true, []);
            return tags.Count == 1;
        }

        header = new IfMatchHeader(false, tags.Where(t => !t.IsWeak).Select(t => t.Tag.Value![1..^1]).ToList());
        return true;
    }
}
