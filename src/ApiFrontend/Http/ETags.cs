using System.Globalization;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Resource versions as strong ETags ("7"), and If-Match and If-None-Match read back into the versions they admit.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, long version) => Set(response, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>A tag of its own making (digits with a dot or a tilde, or hex digits), for a resource whose version is more than one number.</summary>
    public static void Set(HttpResponse response, string tag) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{tag}\"").ToString();

    /// <summary>
    /// What If-Match and If-None-Match ask of the resource, or null when neither was sent; a header that is not "*" or
    /// a list of entity-tags, or names a tag that is not one of our versions, is a field error naming it.
    /// </summary>
    public static VersionMatch? ReadConditions(HttpRequest request, FieldErrors errors)
    {
        var ifMatch = ReadIfMatch(request, errors);
        return ConditionalHeader.ReadIfNoneMatch(request, errors) switch
        {
            null => ifMatch,
            { AnyVersion: true } => (ifMatch ?? VersionMatch.NoneOf(true, [])) with { NoneMatchAny = true },
            var tags => tags.ParseTags<long>(TryParseVersion, errors) is { } versions
                ? (ifMatch ?? VersionMatch.NoneOf(false, versions)) with { NoneMatchVersions = versions }
                : null,
        };
    }

    private static VersionMatch? ReadIfMatch(HttpRequest request, FieldErrors errors) =>
        ConditionalHeader.ReadIfMatch(request, errors) switch
        {
            null => null,
            { AnyVersion: true } => VersionMatch.Any,
            var tags => tags.ParseTags<long>(TryParseVersion, errors) is { } versions ? VersionMatch.OneOf(versions) : null,
        };

    private static bool TryParseVersion(string tag, out long version) =>
        long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
