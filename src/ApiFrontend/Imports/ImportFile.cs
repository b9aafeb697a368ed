using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.ApiFrontend.Imports;

/// <summary>
/// Reads an import file line by line as it arrives (never the whole file in memory; UTF-8, each line checked) into one JSON object per data
/// line: an NDJSON line as it is, a CSV record (a quoted field may span lines) under its header's column names. CSV
/// cells are text; the columns that are integers in the single-item body (quantity, countedOnHand) become numbers
/// when they are integers, and a column named "attributes.{key}" fills the attributes object. An empty cell is a field left out. Blank lines are
/// skipped, and so are CSV lines of commas alone (a spreadsheet's empty rows); <see cref="ImportRecord.Line"/> counts every line of the file from 1, the header included (a CSV record
/// that spans lines is known by its first).
/// </summary>
internal static class ImportFile
{
    /// <summary>Matched in any letter case, as every column name is (a spreadsheet's "Quantity" is the quantity).</summary>
    private static readonly HashSet<string> IntegerColumns = new(StringComparer.OrdinalIgnoreCase) { "quantity", "countedOnHand" };

    private const string AttributesPrefix = "attributes.";

    /// <summary>A field named twice is ambiguous: the line is refused, as the single-item endpoint refuses such a body.</summary>
    private static readonly JsonDocumentOptions LineOptions = new() { AllowDuplicateProperties = false };

    public static async IAsyncEnumerable<ImportRecord> ReadAsync(Stream body, ImportFormat format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string>? header = null;
        var lines = Numbered(Utf8Lines.ReadAsync(body, cancellationToken));
        await foreach (var (line, (text, unreadable)) in format == ImportFormat.Csv ? CsvRecords.JoinAsync(lines, cancellationToken) : lines)
        {
            if (text is null)
            {
                if (header is null && format == ImportFormat.Csv)
                {
                    throw new ImportFileException("header", "The header row cannot be read. " + unreadable);
                }

                yield return new ImportRecord(line, null, new ImportError(line, "body", unreadable!));
                continue;
            }

            if (string.IsNullOrWhiteSpace(text) || (header is not null && IsOnlySeparators(text)))
            {
                continue;
            }

            if (format == ImportFormat.Ndjson)
            {
                yield return Json(line, text);
            }
            else if (header is null)
            {
                header = Header(text);
            }
            else
            {
                yield return Csv(line, text, header);
            }
        }

        if (format == ImportFormat.Csv && header is null)
        {
            throw new ImportFileException("body", "The file is empty: a CSV file starts with its header row.");
        }
    }

    private static async IAsyncEnumerable<(int Line, FileLine Content)> Numbered(IAsyncEnumerable<FileLine> lines)
    {
        var line = 0;
        await foreach (var content in lines)
        {
            yield return (++line, content);
        }
    }

    private static ImportRecord Json(int line, string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: LineOptions) is JsonObject fields
                ? new ImportRecord(line, fields, null)
                : new ImportRecord(line, null, new ImportError(line, "body", "The line is not a JSON object."));
        }
        catch (JsonException error)
        {
            return new ImportRecord(line, null, new ImportError(line, "body", $"The line is not valid JSON ({error.Message})."));
        }
    }

    private static List<string> Header(string text)
    {
        var columns = CsvFields.Split(text, out var problem) ?? throw new ImportFileException("header", problem!);
        var names = columns.Select(c => c.Trim()).ToList();
        if (names.Any(string.IsNullOrEmpty))
        {
            throw new ImportFileException("header", "Every column of the header row needs a name.");
        }

        // Fields are matched in any letter case, so "name" and "Name" would be the same field twice; attribute keys are
        // the customer's own and keep their case ("Attributes.tier" and "attributes.tier" are the same attribute).
        static string Field(string name) => IsAttribute(name) ? AttributesPrefix + name[AttributesPrefix.Length..] : name.ToUpperInvariant();
        if (names.GroupBy(Field, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ImportFileException("header", $"The column '{repeated.Key}' appears more than once in the header row.");
        }

        return names;
    }

    /// <summary>
    /// A CSV line of commas alone (",,,") is what spreadsheets write for an empty row under the data: a blank line,
    /// not a row whose every field is left out. A field written as "" is something sent, so such a line is a row.
    /// </summary>
    private static bool IsOnlySeparators(string text) => text.All(c => c == ',' || char.IsWhiteSpace(c));

    private static bool IsAttribute(string column) => column.StartsWith(AttributesPrefix, StringComparison.OrdinalIgnoreCase);

    private static ImportRecord Csv(int line, string text, List<string> header)
    {
        if (CsvFields.Split(text, out var problem) is not { } cells)
        {
            return new ImportRecord(line, null, new ImportError(line, "body", problem!));
        }

        if (cells.Count != header.Count)
        {
            return new ImportRecord(line, null, new ImportError(line, "body", $"The line has {cells.Count} fields; the header row names {header.Count}."));
        }

        var fields = new JsonObject();
        for (var i = 0; i < cells.Count; i++)
        {
            var (name, cell) = (header[i], cells[i]);
            if (cell.Length == 0)
            {
                continue;
            }

            if (IsAttribute(name))
            {
                var attributes = fields["attributes"] as JsonObject ?? (JsonObject)(fields["attributes"] = new JsonObject());
                attributes[name[AttributesPrefix.Length..]] = cell;
            }
            else
            {
                fields[name] = IntegerColumns.Contains(name) && long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(cell);
            }
        }

        return new ImportRecord(line, fields, null);
    }
}
