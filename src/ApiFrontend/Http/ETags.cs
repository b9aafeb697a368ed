using System.Globalization;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Resource versions as strong ETags ("7"), and If-Match read back into the versions it admits.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, long version) => Set(response, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>A tag of its own making (digits with a dot or a tilde, or hex digits), for a resource whose version is more than one number.</summary>
    public static void Set(HttpResponse response, string tag) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{tag}\"").ToString();

    /// <summary>
    /// What If-Match asks of the resource, or null when it was not sent; a header that is not "*" or a list of
    /// entity-tags, or names a strong tag that is not one of our versions, is a field error.
    /// </summary>
    public static VersionMatch? ReadIfMatch(HttpRequest request, FieldErrors errors) =>
        IfMatchHeader.Read(request, errors) switch
        {
            null => null,
            { AnyVersion: true } => VersionMatch.Any,
            var tags => tags.ParseTags<long>(TryParseVersion, errors) is { } versions ? VersionMatch.OneOf(versions) : null,
        };

    private static bool TryParseVersion(string tag, out long version) =>
        long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
