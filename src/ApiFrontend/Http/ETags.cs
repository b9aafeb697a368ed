using System.Globalization;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Resource versions as strong ETags ("7"), and If-Match read back into a version.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, long version) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();

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
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return true;
        }

        var tag = header.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && long.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }
}
