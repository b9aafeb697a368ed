using Microsoft.Net.Http.Headers;

namespace Quartermaster.ApiFrontend.Imports;

public enum ImportFormat
{
    Csv,
    Ndjson,
}

internal static class ImportFormats
{
    public const string Csv = "text/csv";
    public const string Ndjson = "application/x-ndjson";

    /// <summary>The format a Content-Type names (parameters such as charset aside), or null.</summary>
    public static ImportFormat? Of(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value?.ToLowerInvariant() switch
            {
                Csv => ImportFormat.Csv,
                Ndjson or "application/ndjson" => ImportFormat.Ndjson,
                _ => null,
            }
            : null;
}
