using System.Text;

namespace Quartermaster.ApiFrontend.Imports;

/// <summary>
/// One CSV record split into its fields (RFC 4180: comma-separated, a field in double quotes may hold commas,
/// doubled quotes and line breaks; <see cref="CsvRecords"/> joins the lines of a record).
/// </summary>
internal static class CsvFields
{
    /// <returns>The fields, or null with the reason when the quoting is broken.</returns>
    public static List<string>? Split(string line, out string? problem)
    {
        problem = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        problem = "A quoted field is not closed.";
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    problem = "A quoted field must end at a comma or the end of the line.";
                    return null;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    /// <summary>Whether a quoted field is open at the end of the line, read as <see cref="Split"/> reads it.</summary>
    /// <param name="startsInsideQuotes">The line continues a quoted field that an earlier line opened.</param>
    public static bool EndsInsideQuotes(string line, bool startsInsideQuotes)
    {
        var (inside, fieldStart) = (startsInsideQuotes, !startsInsideQuotes);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inside)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inside = false;
                }
            }
            else
            {
                inside = c == '"' && fieldStart;
                fieldStart = c == ',';
            }
        }

        return inside;
    }
}
