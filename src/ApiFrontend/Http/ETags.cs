using System.Globalization;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Resource versions as strong ETags ("7"), and If-Match read back into a version.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, long version) => Set(response, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>A tag of its own making (digits and dots, or hex digits), for a resource whose version is more than one number.</summary>
    public static void Set(HttpResponse response, string tag) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{tag}\"").ToString();

    /// <summary>The If-Match version, or null; a header that is not one of our ETags is a field error.</summary>
    public static long? ReadIfMatch(HttpRequest request, FieldErrors errors)
    {
        if (!TryReadIfMatch(request, out var expected))
        {
            errors.Add("If-Match", "Must be an ETag this API returned.");
        }

        return expected;
    }

    /// <summary>
    /// The version the client expects, null when it sent no If-Match (or "*"); false when the header is
    /// not one of our ETags, which can never match.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? expected)
    {
        expected = null;
        if (!TryReadIfMatchTag(request, out var tag))
        {
            return false;
        }

        if (tag is null)
        {
            return true;
        }

        if (long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The text between the quotes of If-Match (a weak tag's too), null when there is no If-Match or it is "*";
    /// false when the header is not a quoted tag.
    /// </summary>
    public static bool TryReadIfMatchTag(HttpRequest request, out string? tag)
    {
        tag = null;
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return true;
        }

        var quoted = header.Trim();
        if (quoted.StartsWith("W/", StringComparison.Ordinal))
        {
            quoted = quoted[2..];
        }

        if (quoted.Length > 2 && quoted[0] == '"' && quoted[^1] == '"')
        {
            tag = quoted[1..^1];
            return true;
        }

        return false;
    }
}
