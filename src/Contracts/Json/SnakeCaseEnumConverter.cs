using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quartermaster.Contracts.Json;

/// <summary>
/// Enums as their snake_case names. Written exactly; read as one name, in any letter case (clients generated
/// from the document, ours included, may send a member's own name: "Active", "TransferIn"). The framework's
/// string converter also read " active", 1 and "active,blocked" (flags syntax, even on an enum that is not
/// flags, so that value became "blocked"): anything but one name is a wrong value, refused like any other.
/// </summary>
public sealed class SnakeCaseEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The names an enum's values are written as, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf(Type enumType) => [.. Enum.GetNames(enumType).Select(WireName)];

    private static string WireName(string member) => JsonNamingPolicy.SnakeCaseLower.ConvertName(member);

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, JsonEncodedText> Names =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JsonEncodedText.Encode(WireName(v.ToString())));

        private static readonly FrozenDictionary<string, T> ByName = Names
            .SelectMany(pair => new[] { (Name: pair.Value.Value, Value: pair.Key), (Name: pair.Key.ToString(), Value: pair.Key) })
            .DistinctBy(pair => pair.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(pair => pair.Name, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

        private static readonly string Expected = string.Join(", ", Enum.GetValues<T>().Distinct().Select(v => Names[v].Value));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"Expected one of: {Expected}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(NameOf(value));

        private static T Parse(string? name) =>
            name is not null && ByName.TryGetValue(name, out var value) ? value : throw new JsonException($"Expected one of: {Expected}.");

        private static JsonEncodedText NameOf(T value) =>
            Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no value {value}.");
    }
}
