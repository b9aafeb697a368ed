using System.Diagnostics;
using System.Net;
using Quartermaster.Bench.Load;

namespace Quartermaster.Bench;

/// <summary>Sends GETs at a fixed rate (open loop: the schedule does not wait for answers) and records each answer.</summary>
internal sealed class PacedLoad(IReadOnlyList<HttpClient> clients, string path, int perSecond)
{
    public int Accepted { get; private set; }

    public int Limited { get; private set; }

    public int Errors { get; private set; }

    public List<double> LatenciesMs { get; } = [];

    public async Task RunAsync(TimeSpan duration)
    {
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var started = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (var n = 0; started.Elapsed < duration; n++)
        {
            var due = interval * n;
            if (due > started.Elapsed)
            {
                await Task.Delay(due - started.Elapsed);
            }

            inFlight.Add(SendAsync(clients[n % clients.Count]));
        }

        await Task.WhenAll(inFlight);
    }

    public double Percentile(double p) => Percentiles.Of(LatenciesMs.Order().ToList(), p);

    private async Task SendAsync(HttpClient client)
    {
        var timer = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(path);
            lock (LatenciesMs)
            {
                LatenciesMs.Add(timer.Elapsed.TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    Accepted++;
                }
                else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Limited++;
                }
                else
                {
                    Errors++;
                }
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            lock (LatenciesMs)
            {
                Errors++;
            }
        }
    }
}
