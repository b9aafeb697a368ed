using System.Diagnostics;
using System.Net;

namespace Quartermaster.Bench.Load;

/// <summary>
/// N clients, each sending its next request as soon as its previous one is answered (closed loop), for a
/// warm-up that is not measured and then a measured window. Requests started in the window count.
/// </summary>
internal sealed class ClosedLoopLoad(HttpClient http, int clients, TimeSpan warmUp, TimeSpan window)
{
    public async Task<LoadResult> RunAsync(IWorkload workload, string engine)
    {
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var tallies = await Task.WhenAll(Enumerable.Range(0, clients)
            .Select(n => Task.Run(() => ClientAsync(workload, new ClientState(n, HashCode.Combine(engine, workload.Name, n)), windowStart, windowEnd))));

        var latencies = tallies.SelectMany(t => t.LatenciesMs).Order().ToList();
        var errorStatuses = tallies.SelectMany(t => t.ErrorStatuses).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return new LoadResult(workload.Name, engine, clients, window,
            tallies.Sum(t => t.Acknowledged), tallies.Sum(t => t.Refused), tallies.Sum(t => t.Errors), latencies,
            tallies.Sum(t => t.AcknowledgedAll), errorStatuses);
    }

    private async Task<Tally> ClientAsync(IWorkload workload, ClientState client, long windowStart, long windowEnd)
    {
        var tally = new Tally();
        while (true)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= windowEnd)
            {
                return tally;
            }

            var status = await SendAsync(workload.Next(client));
            client.Sequence++;
            var measured = sent >= windowStart;
            if (status is >= 200 and < 300)
            {
                tally.AcknowledgedAll++;
            }

            if (!measured)
            {
                continue;
            }

            tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            switch (status)
            {
                case >= 200 and < 300:
                    tally.Acknowledged++;
                    break;
                case (int)HttpStatusCode.Conflict:
                    tally.Refused++;
                    break;
                default:
                    tally.Errors++;
                    tally.ErrorStatuses[status] = tally.ErrorStatuses.GetValueOrDefault(status) + 1;
                    break;
            }
        }
    }

    /// <returns>The status code, or 0 when no answer came (connection error or timeout).</returns>
    private async Task<int> SendAsync(HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead))
            {
                return (int)response.StatusCode;
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private sealed class Tally
    {
        public List<double> LatenciesMs { get; } = new(capacity: 1 << 16);

        public Dictionary<int, long> ErrorStatuses { get; } = [];

        public long Acknowledged { get; set; }

        public long AcknowledgedAll { get; set; }

        public long Refused { get; set; }

        public long Errors { get; set; }
    }
}
