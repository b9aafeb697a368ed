using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// How grain state is written as jsonb. Deserialisation fills the collections the state classes create
/// themselves, so dictionaries keep their ordinal comparers.
/// </summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} was null.");
}
