using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Quartermaster.Bench.Server;

/// <summary>
/// For profiling the server under test: listens to every activity source (HTTP, Orleans grain calls,
/// Npgsql, our own spans) and keeps the count and total duration per span name, served as text.
/// </summary>
internal sealed class SpanSummary : IDisposable
{
    private readonly ConcurrentDictionary<string, Totals> _spans = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public SpanSummary()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var totals = _spans.GetOrAdd(activity.Source.Name + " " + activity.DisplayName, _ => new Totals());
                Interlocked.Increment(ref totals.Count);
                Interlocked.Add(ref totals.Ticks, activity.Duration.Ticks);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public string Report()
    {
        var text = new StringBuilder();
        foreach (var (name, totals) in _spans.OrderByDescending(p => p.Value.Ticks))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{totals.Count,10} x {TimeSpan.FromTicks(totals.Ticks / Math.Max(1, totals.Count)).TotalMilliseconds,9:F3} ms  {name}"));
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Totals
    {
        public long Count;
        public long Ticks;
    }
}
