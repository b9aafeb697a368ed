using System.Globalization;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>Resource versions as strong ETags ("7"), and If-Match read back into the versions it admits.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, long version) => Set(response, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>A tag of its own making (digits and dots, or hex digits), for a resource whose version is more than one number.</summary>
    public static void Set(HttpResponse response, string tag) =>
        response.Headers.ETag = new EntityTagHeaderValue($"\"{tag}\"").ToString();

    /// <summary>
    /// What If-Match asks of the resource, or null when it was not sent; a header that is not "*" or a list of
    /// entity-tags, or names a strong tag that is not one of our versions, is a field error.
    /// </summary>
    public static VersionMatch? ReadIfMatch(HttpRequest request, FieldErrors errors)
    {
        if (!IfMatchHeader.TryRead(request, out var header))
        {
            errors.Add("If-Match", "Must be \"*\" or ETags this API returned, separated by commas.");
            return null;
        }

        if (header is null)
        {
            return null;
        }

        if (header.AnyVersion)
        {
            return VersionMatch.Any;
        }

        var versions = new List<long>(header.StrongTags.Count);
        foreach (var tag in header.StrongTags)
        {
            if (!long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                errors.Add("If-Match", "Must be \"*\" or ETags this API returned, separated by commas.");
                return null;
            }

            versions.Add(version);
        }

        return VersionMatch.OneOf(versions);
    }
}
