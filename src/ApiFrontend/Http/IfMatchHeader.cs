using Microsoft.Net.Http.Headers;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// If-Match as RFC 9110 §13.1.1 defines it: "*", or a list of entity-tags that holds when any of them is the
/// current one. The comparison is strong, so a weak tag (W/"7") is kept out of <see cref="StrongTags"/>: it can
/// never match, and a list of weak tags only matches nothing.
/// </summary>
public sealed record IfMatchHeader(bool AnyVersion, IReadOnlyList<string> StrongTags)
{
    /// <summary>Null when the request has no If-Match; false when the header is neither "*" nor a list of entity-tags.</summary>
    public static bool TryRead(HttpRequest request, out IfMatchHeader? header)
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
