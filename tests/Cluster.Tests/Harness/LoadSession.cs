namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// The start of every fault test: a fresh tenant with plenty of stock, and a warmed-up load of holds and
/// orders running through every frontend of the cluster.
/// </summary>
public sealed class LoadSession : IAsyncDisposable
{
    public const string Warehouse = "main";

    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<string> _skus;
    private Task _running = Task.CompletedTask;

    private LoadSession(List<TenantClient> clients, IReadOnlyList<string> skus)
    {
        Clients = clients;
        _skus = skus;
        Load = new LoadRunner(clients, skus, Warehouse);
    }

    public List<TenantClient> Clients { get; }

    public LoadRunner Load { get; }

    public static async Task<LoadSession> StartAsync(LocalCluster cluster, IReadOnlyList<string> skus, int workers, int warmUpSuccesses)
    {
        using var first = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await first.SeedAsync(skus, Warehouse, 100_000);
        var session = new LoadSession(cluster.Frontends.Select(f => first.Via(f.Url)).ToList(), skus);
        session._running = session.Load.RunAsync(workers, session._stop.Token);
        await Eventually.TrueAsync(() => Task.FromResult(session.Load.Successes.Count > warmUpSuccesses), TimeSpan.FromSeconds(60), "load warmed up");
        return session;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    /// <summary>Stops the load, then: every acknowledged write present, nothing oversold, invariants hold.</summary>
    public async Task StopAndVerifyAsync()
    {
        await StopAsync();
        await AcknowledgedWrites.VerifyAsync(Clients[0], Load, _skus, Warehouse);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Clients.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
