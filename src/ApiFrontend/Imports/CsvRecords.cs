using System.Runtime.CompilerServices;

namespace Quartermaster.ApiFrontend.Imports;

/// <summary>
/// Joins the lines of a CSV file into records (RFC 4180): a quoted field may hold line breaks, so a line that ends
/// inside quotes continues on the next ones, and the record is known by its first line. The line breaks inside a
/// field become LF (a spreadsheet's line break within a cell). A quoted field still open after
/// <see cref="MaxLinesPerRecord"/> lines or <see cref="Utf8Lines.MaxLineBytes"/> characters, at a line that cannot be
/// read or at the end of the file, or a joined record whose quoting is broken, is not a record: its first line is
/// handed on alone (and fails as an unclosed quote) and each of the lines it held is handed on as a record of its
/// own, so one stray quote never swallows the rows after it.
/// </summary>
internal static class CsvRecords
{
    public const int MaxLinesPerRecord = 1_000;

    /// <param name="lines">The file's lines in order, numbered from 1.</param>
    public static async IAsyncEnumerable<(int Line, FileLine Content)> JoinAsync(
        IAsyncEnumerable<(int Line, FileLine Content)> lines, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pending = new List<(int Line, string Text)>();
        var pendingLength = 0L;
        await foreach (var (line, content) in lines.WithCancellation(cancellationToken))
        {
            var text = content.Text;
            if (pending.Count == 0)
            {
                if (text is not null && CsvFields.EndsInsideQuotes(text, startsInsideQuotes: false))
                {
                    pending.Add((line, text));
                    pendingLength = text.Length;
                    continue;
                }

                yield return (line, content);
                continue;
            }

            if (text is null)
            {
                foreach (var alone in OneByOne(pending))
                {
                    yield return alone;
                }

                yield return (line, content);
                continue;
            }

            pending.Add((line, text));
            pendingLength += text.Length + 1;
            if (!CsvFields.EndsInsideQuotes(text, startsInsideQuotes: true))
            {
                var record = string.Join('\n', pending.Select(p => p.Text));
                if (CsvFields.Split(record, out _) is not null)
                {
                    yield return (pending[0].Line, new FileLine(record, null));
                    pending.Clear();
                    continue;
                }
            }
            else if (pending.Count < MaxLinesPerRecord && pendingLength <= Utf8Lines.MaxLineBytes)
            {
                continue;
            }

            foreach (var alone in OneByOne(pending))
            {
                yield return alone;
            }
        }

        foreach (var alone in OneByOne(pending))
        {
            yield return alone;
        }
    }

    /// <summary>The lines of a record that could not be closed, each on its own; empties the list.</summary>
    private static List<(int Line, FileLine Content)> OneByOne(List<(int Line, string Text)> pending)
    {
        var lines = pending.Select(p => (p.Line, new FileLine(p.Text, null))).ToList();
        pending.Clear();
        return lines;
    }
}
