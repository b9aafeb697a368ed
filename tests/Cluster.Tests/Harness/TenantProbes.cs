using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// Many small tenants, each probed in a loop through every frontend with two requests: a stock read (its key,
/// its settings and one stock item grain) and a request refused by validation (its key and settings only, no
/// other grain). With grains spread over the silos, some tenants' key, settings or stock grains sit on any
/// silo a test freezes; each probe's outcome is kept per tenant, so a test sees which tenants were hurt and when.
/// </summary>
public sealed class TenantProbes : IAsyncDisposable
{
    public const string Sku = "probe";

    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TenantClient> _clients;
    private Task _running = Task.CompletedTask;

    private TenantProbes(List<TenantClient> clients, Stopwatch clock)
    {
        _clients = clients;
        _clock = clock;
    }

    /// <summary>Every probe's outcome: when it started, the tenant, which probe, and the failure (null when served).</summary>
    public ConcurrentBag<(TimeSpan At, string TenantId, string Probe, string? Failure)> Outcomes { get; } = [];

    public IEnumerable<string> TenantIds => _clients.Select(c => c.TenantId).Distinct();

    public TimeSpan Now => _clock.Elapsed;

    public static async Task<TenantProbes> StartAsync(LocalCluster cluster, int tenants)
    {
        var clients = new List<TenantClient>();
        for (var i = 0; i < tenants; i++)
        {
            using var first = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
            await first.SeedAsync([Sku], LoadSession.Warehouse, 1_000);
            clients.AddRange(cluster.Frontends.Select(f => first.Via(f.Url)));
        }

        var probes = new TenantProbes(clients, Stopwatch.StartNew());
        probes._running = Task.WhenAll(clients.Select(probes.ProbeAsync));
        await Eventually.TrueAsync(() => Task.FromResult(probes.TenantIds.All(t => probes.Outcomes.Any(o => o.TenantId == t && o.Failure is null))),
            TimeSpan.FromSeconds(60), "every probed tenant served");
        return probes;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _clients.ForEach(c => c.Dispose());
        _stop.Dispose();
    }

    private async Task ProbeAsync(TenantClient client)
    {
        using var http = new HttpClient { BaseAddress = new Uri(client.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", client.Key);
        while (!_stop.IsCancellationRequested)
        {
            await ProbeOnceAsync(client, "stock read", () => http.GetAsync($"/api/v1/stock/{Sku}/{LoadSession.Warehouse}"), HttpStatusCode.OK);
            await ProbeOnceAsync(client, "key and settings only",
                () => http.PutAsJsonAsync($"/api/v1/products/{Sku}", new { name = "" }), HttpStatusCode.BadRequest);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ProbeOnceAsync(TenantClient client, string probe, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var started = Now;
        try
        {
            using var response = await send();
            Outcomes.Add((started, client.TenantId, probe,
                response.StatusCode == expected ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"));
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            if (!_stop.IsCancellationRequested)
            {
                Outcomes.Add((started, client.TenantId, probe, error.GetType().Name));
            }
        }
    }
}
