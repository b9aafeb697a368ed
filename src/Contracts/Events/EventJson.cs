using System.Text.Json;
using Quartermaster.Contracts.Json;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Contracts.Events;

/// <summary>An event as the bytes <c>GET /api/v1/events/{eventId}</c> returns for it, for senders outside the API.</summary>
public static class EventJson
{
    private static readonly JsonSerializerOptions Options = ApiJson.CreateOptions();

    /// <summary>The event's UTF-8 JSON, identical to the API's response body for it.</summary>
    public static byte[] Serialize(TenantEvent e) => JsonSerializer.SerializeToUtf8Bytes(EventDto.From(e, Options), Options);
}
