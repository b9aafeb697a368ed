using System.Text;
using Quartermaster.ApiFrontend.Imports;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>How an import file's lines are cut as the body arrives in pieces, however long a line is.</summary>
public sealed class ImportLineReadingTests
{
    [Fact]
    public async Task A_long_line_arriving_in_many_small_reads_is_searched_in_time_that_grows_with_its_length_only()
    {
        // 16 MiB in 64-byte reads: searched once, this is a quarter of a million small steps; searched again from the
        // line's start at every read, it is billions of bytes searched per MiB, minutes on any machine.
        var body = new TrickleStream(Encoding.UTF8.GetBytes(new string('a', 16 << 20) + "\r\nnext\rlast"), readSize: 64);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var lines = new List<FileLine>();
        await foreach (var line in Utf8Lines.ReadAsync(body, deadline.Token))
        {
            lines.Add(line);
        }

        Assert.Equal([null, "next", "last"], lines.Select(l => l.Text));
        Assert.Contains("longer than", lines[0].Unreadable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crlf_split_between_two_reads_ends_one_line()
    {
        var body = new TrickleStream("ab\r\ncd\r\n\r\nef"u8.ToArray(), readSize: 3);
        var lines = new List<string?>();
        await foreach (var line in Utf8Lines.ReadAsync(body, CancellationToken.None))
        {
            lines.Add(line.Text);
        }

        Assert.Equal(["ab", "cd", "", "ef"], lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4_096)]
    [InlineData(5_000)]
    public async Task Lines_of_every_length_and_ending_come_out_whole_whatever_the_size_of_the_reads(int readSize)
    {
        var random = new Random(readSize);
        var (file, expected) = (new StringBuilder(), new List<string?>());
        for (var i = 0; i < 400; i++)
        {
            var line = new string((char)('a' + i % 26), random.Next(1, i % 10 == 0 ? 20_000 : 300));
            expected.Add(line);
            file.Append(line).Append(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }

        var lines = new List<string?>();
        await foreach (var line in Utf8Lines.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(file.ToString()), readSize), CancellationToken.None))
        {
            lines.Add(line.Text);
        }

        Assert.Equal(expected, lines);
    }

    [Theory]
    [InlineData(4_096)]
    [InlineData(65_536)]
    public async Task A_line_longer_than_the_limit_fails_alone_and_the_lines_after_it_keep_their_numbers(int readSize)
    {
        var tooLong = new string('x', Utf8Lines.MaxLineBytes + 1);
        var file = $"first\n{tooLong}\r\nthird\n{tooLong}{tooLong}\rfifth\r\n{tooLong}";
        var lines = new List<FileLine>();
        await foreach (var line in Utf8Lines.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(file), readSize), CancellationToken.None))
        {
            lines.Add(line);
        }

        Assert.Equal(["first", null, "third", null, "fifth", null], lines.Select(l => l.Text));
        Assert.All([lines[1], lines[3], lines[5]], l => Assert.Contains("longer than", l.Unreadable, StringComparison.Ordinal));
    }

    /// <summary>A body that hands out at most <paramref name="readSize"/> bytes per read, as a slow upload does.</summary>
    private sealed class TrickleStream(byte[] content, int readSize) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var size = Math.Min(Math.Min(readSize, buffer.Length), content.Length - _position);
            content.AsSpan(_position, size).CopyTo(buffer);
            _position += size;
            return size;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
