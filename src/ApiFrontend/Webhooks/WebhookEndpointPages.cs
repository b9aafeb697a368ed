using System.Globalization;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.ApiFrontend.Webhooks;

/// <summary>
/// A page of a tenant's webhook endpoints, oldest first (then by endpointId). A tenant has few endpoints, so the
/// page is cut here from the grain's full list. The cursor carries the (createdAt, endpointId) of the page's last
/// endpoint rather than its id alone, so the next page starts after that position even when that endpoint has been
/// deleted in between.
/// </summary>
internal static class WebhookEndpointPages
{
    public static ListResponse<WebhookEndpointDto>? Cut(IReadOnlyList<WebhookEndpointView> endpoints, ListParameters list, FieldErrors errors)
    {
        var ordered = endpoints.OrderBy(e => e.CreatedAt).ThenBy(e => e.EndpointId, StringComparer.Ordinal).ToList();
        var start = 0;
        if (list.After is { } after)
        {
            if (!TryParse(after, out var createdAt, out var endpointId))
            {
                errors.Add("cursor", ListParameters.UnknownCursor);
                return null;
            }

            start = ordered.FindIndex(e => e.CreatedAt > createdAt
                || (e.CreatedAt == createdAt && string.CompareOrdinal(e.EndpointId, endpointId) > 0));
            start = start < 0 ? ordered.Count : start;
        }

        var page = ordered.Skip(start).Take(list.Limit).ToList();
        var next = start + page.Count < ordered.Count ? Cursors.Encode(PositionOf(page[^1])) : null;
        return new ListResponse<WebhookEndpointDto>(page.Select(WebhookEndpointDto.From).ToList(), next);
    }

    private static string PositionOf(WebhookEndpointView endpoint) =>
        $"{endpoint.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{endpoint.EndpointId}";

    private static bool TryParse(string position, out DateTimeOffset createdAt, out string endpointId)
    {
        var parts = position.Split('|', 2);
        createdAt = default;
        endpointId = parts.Length == 2 ? parts[1] : "";
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && ResourceId.IsValid(endpointId))
        {
            createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
