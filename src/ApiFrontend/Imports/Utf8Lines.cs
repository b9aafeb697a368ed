using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Quartermaster.ApiFrontend.Imports;

/// <summary>
/// The lines of a UTF-8 file as they arrive, each checked on its own: a line with bytes that are not UTF-8 comes
/// back as null, so it fails alone instead of being stored with replacement characters. A line ends at LF, CRLF
/// or a lone CR (what spreadsheets write); a byte order mark at the start is dropped. A line longer than
/// <see cref="MaxLineBytes"/> fails alone too: its bytes are dropped as they arrive, never held or decoded.
/// </summary>
internal static class Utf8Lines
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Far more than any row's fields can hold (a customer with 50 attributes, every character escaped, is under 200 KiB).</summary>
    public const int MaxLineBytes = 1 << 20;

    private static ReadOnlySpan<byte> LineBreaks => "\r\n"u8;

    private static readonly FileLine TooLong = new(null, string.Create(CultureInfo.InvariantCulture, $"The line is longer than {MaxLineBytes:N0} bytes."));

    private static readonly FileLine NotUtf8 = new(null, "The line is not valid UTF-8; send the file as UTF-8.");

    public static async IAsyncEnumerable<FileLine> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            var first = true;

            // How far the unfinished line at the start of the buffer was already searched for its end: a long line
            // arrives over many reads, and searching it from its start at each would take time growing with its square.
            SequencePosition? searched = null;
            var dropping = false; // the rest of a line already known to be too long
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (first && IsUtf16Or32(buffer))
                {
                    throw new ImportFileException("body", "The file is UTF-16 or UTF-32; send it as UTF-8.");
                }

                while (TryTakeLine(ref buffer, result.IsCompleted, ref searched, out var line))
                {
                    yield return dropping || line.Length > MaxLineBytes ? TooLong : Decode(line, first);
                    (first, dropping) = (false, false);
                }

                if (result.IsCompleted)
                {
                    if (dropping || buffer.Length > MaxLineBytes)
                    {
                        yield return TooLong;
                    }
                    else if (!buffer.IsEmpty)
                    {
                        yield return Decode(buffer, first);
                    }

                    yield break;
                }

                if (buffer.Length > MaxLineBytes)
                {
                    // Drop what arrived of the line, but not a CR at its end: with the LF that may follow it is one line break.
                    var keep = buffer.Slice(buffer.Length - 1).FirstSpan[0] == (byte)'\r' ? 1 : 0;
                    (dropping, searched, first) = (true, null, false);
                    reader.AdvanceTo(buffer.GetPosition(buffer.Length - keep), buffer.End);
                    continue;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <param name="searched">Where the search for the end of the line at the start of <paramref name="buffer"/> stopped, if it did; null again once a line is taken.</param>
    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool completed, ref SequencePosition? searched, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(searched is { } from ? buffer.Slice(from) : buffer);
        if (!reader.TryAdvanceToAny(LineBreaks, advancePastDelimiter: false))
        {
            searched = buffer.IsEmpty ? null : buffer.End;
            line = default;
            return false;
        }

        var lineEnd = reader.Position;
        line = buffer.Slice(buffer.Start, lineEnd);
        reader.TryRead(out var lineBreak);
        if (lineBreak == (byte)'\r')
        {
            if (reader.End && !completed)
            {
                searched = lineEnd;
                return false; // the LF of a CRLF may be in the next read
            }

            reader.IsNext((byte)'\n', advancePast: true);
        }

        buffer = buffer.Slice(reader.Position);
        searched = null;
        return true;
    }

    private static FileLine Decode(ReadOnlySequence<byte> line, bool first)
    {
        ReadOnlySpan<byte> bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (first && bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        return Utf8.IsValid(bytes) ? new FileLine(Encoding.UTF8.GetString(bytes), null) : NotUtf8;
    }

    /// <summary>A UTF-16 or UTF-32 byte order mark (UTF-32 LE starts like UTF-16 LE).</summary>
    private static bool IsUtf16Or32(ReadOnlySequence<byte> start)
    {
        Span<byte> head = stackalloc byte[4];
        var length = (int)Math.Min(start.Length, head.Length);
        start.Slice(0, length).CopyTo(head);
        head = head[..length];
        return head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
    }
}

/// <summary>A line of an import file: its text, or why it cannot be read.</summary>
internal readonly record struct FileLine(string? Text, string? Unreadable);
