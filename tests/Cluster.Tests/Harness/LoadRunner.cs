using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// Concurrent clients placing holds and 2-line orders through every frontend, recording each answer: what
/// was acknowledged must survive whatever the test does to the cluster.
/// </summary>
public sealed class LoadRunner(IReadOnlyList<TenantClient> clients, IReadOnlyList<string> skus, string warehouseId)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ConcurrentBag<(string Sku, string HoldId)> AcknowledgedHolds { get; } = [];

    public ConcurrentBag<string> AcknowledgedOrders { get; } = [];

    /// <summary>Every failed request, with its route, status and problem code.</summary>
    public ConcurrentBag<LoadFailure> Errors { get; } = [];

    public ConcurrentBag<TimeSpan> Successes { get; } = [];

    public int Refusals => _refusals;

    private int _refusals;

    public TimeSpan Now => _clock.Elapsed;

    public async Task RunAsync(int workers, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkAsync(w, stop)));
    }

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var random = new Random(worker);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var client = clients[(worker + n) % clients.Count];
            var started = Now;
            var route = "?";
            try
            {
                if (n % 3 == 2)
                {
                    var orderId = $"o-{worker}-{n}";
                    var lines = skus.OrderBy(_ => random.Next()).Take(2).Select(s => (s, warehouseId, 1L));
                    route = "POST /orders";
                    await RecordAsync(await client.PlaceOrderAsync(orderId, lines), client, route, started, () => AcknowledgedOrders.Add(orderId));
                }
                else
                {
                    var sku = skus[random.Next(skus.Count)];
                    var holdId = $"h-{worker}-{n}";
                    route = $"POST /stock/{sku}/{warehouseId}/holds";
                    await RecordAsync(await client.PlaceHoldAsync(sku, warehouseId, holdId, 1, ttlSeconds: 3600), client, route, started, () => AcknowledgedHolds.Add((sku, holdId)));
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                Errors.Add(new LoadFailure(started, Now - started, route, client.BaseUrl, null, null, error.GetType().Name + ": " + error.Message));
            }
        }
    }

    private async Task RecordAsync(HttpResponseMessage response, TenantClient client, string route, TimeSpan started, Action acknowledged)
    {
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged();
                Successes.Add(started);
            }
            else if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Interlocked.Increment(ref _refusals);
                Successes.Add(started);
            }
            else
            {
                var (code, detail) = await ProblemOfAsync(response);
                Errors.Add(new LoadFailure(started, Now - started, route, client.BaseUrl, (int)response.StatusCode, code, detail));
            }
        }
    }

    private static async Task<(string? Code, string? Detail)> ProblemOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            return (root.TryGetProperty("code", out var code) ? code.GetString() : null,
                root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, body.Length > 200 ? body[..200] : body);
        }
    }
}
