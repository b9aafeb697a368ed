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

    /// <summary>The format a Content-Type names, or null; a charset other than UTF-8 is refused too (files are read as UTF-8).</summary>
    public static ImportFormat? Of(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && IsUtf8(parsed.Charset.Value)
            ? parsed.MediaType.Value?.ToLowerInvariant() switch
            {
                Csv => ImportFormat.Csv,
                Ndjson or "application/ndjson" => ImportFormat.Ndjson,
                _ => null,
            }
            : null;

    private static bool IsUtf8(string? charset) =>
        charset is null || charset.Trim('"').ToLowerInvariant() is "utf-8" or "utf8" or "us-ascii";
}
