using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quartermaster.Contracts.Json;

/// <summary>The JSON the API writes: its HTTP responses and anything that must read exactly like them.</summary>
public static class ApiJson
{
    /// <summary>
    /// camelCase fields, snake_case enum values ("transfer_in", exactly), and numbers only as JSON numbers: a quantity
    /// sent as a string is a wrong type, not something to guess at.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        // ASP.NET Core's JsonOptions start with this encoder; set here too so options built outside ASP.NET Core
        // (CreateOptions) escape text the same way, byte for byte.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.Strict;
        // A field named twice is ambiguous (which one did the client mean?): refused, not last-wins.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new SnakeCaseEnumConverter());
        options.Converters.Add(new UtcTimestampConverter());
    }

    /// <summary>New options equal to the API's response options: the web defaults plus <see cref="Configure"/>.</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
