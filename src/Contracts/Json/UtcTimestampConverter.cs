using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quartermaster.Contracts.Json;

/// <summary>Timestamps go out as UTC ISO 8601 with a Z ("2026-11-23T15:04:05.123Z"), whatever offset they carry.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
