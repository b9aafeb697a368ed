using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Quartermaster.ApiFrontend.Json;

internal static class JsonSetup
{
    /// <summary>
    /// camelCase fields, snake_case enum values ("transfer_in"), and numbers only as JSON numbers: a quantity
    /// sent as a string is a wrong type, not something to guess at.
    /// </summary>
    public static void Configure(JsonOptions options)
    {
        options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.SerializerOptions.Converters.Add(new UtcTimestampConverter());
    }
}
