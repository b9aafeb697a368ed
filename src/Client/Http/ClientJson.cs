using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quartermaster.Client.Http;

/// <summary>The wire format: camelCase, enums as their snake_case strings (transfer_in), nulls left out of requests.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
