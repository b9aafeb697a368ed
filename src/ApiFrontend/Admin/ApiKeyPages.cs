using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Admin;

/// <summary>
/// A page of a tenant's API keys, oldest first (then by keyId); the cursor names the last key of the page before.
/// A tenant has few keys, so the page is cut here from the grain's full list, and since a revoked key stays
/// listed, a cursor whose key is not in it was never one this API returned.
/// </summary>
public static class ApiKeyPages
{
    public static ListResponse<ApiKeyDto>? Cut(IReadOnlyList<ApiKeyInfo> keys, ListParameters list, FieldErrors errors)
    {
        var ordered = keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();
        var start = 0;
        if (list.After is { } after)
        {
            var last = ordered.FindIndex(k => k.KeyId == after);
            if (last < 0)
            {
                errors.Add("cursor", ListParameters.UnknownCursor);
                return null;
            }

            start = last + 1;
        }

        var page = ordered.Skip(start).Take(list.Limit).ToList();
        var next = start + page.Count < ordered.Count ? Cursors.Encode(page[^1].KeyId) : null;
        return new ListResponse<ApiKeyDto>(page.Select(ApiKeyDto.From).ToList(), next);
    }
}
