using System.Globalization;

namespace Quartermaster.Client.Http;

/// <summary>Builds request paths with every id escaped and every query value invariant.</summary>
internal static class Paths
{
    public static string Id(string value) => Uri.EscapeDataString(value);

    public static string WithQuery(string path, params (string Name, object? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null)
            .Select(q => $"{q.Name}={Uri.EscapeDataString(Format(q.Value!))}")
            .ToList();
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        Enum e => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
