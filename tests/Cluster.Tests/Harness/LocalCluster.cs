using System.Globalization;
using Quartermaster.Tests.Shared;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// Silos and frontends of one cluster as separate processes on loopback, sharing one database and Redis.
/// They run the shipped configuration (each process reads its own appsettings.json): nothing here tunes
/// failure detection or timeouts.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string AdminKey = "cluster-tests-admin-key-0001";

    /// <summary>The key webhook secrets are encrypted with: the same on every silo, as a deployment's Secret.</summary>
    public static readonly string WebhookSecretKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly BackingServers _servers;
    private readonly string _database;
    private readonly string _logs;
    private readonly List<ServiceProcess> _retired = [];
    private int _nextSilo;
    private int _stoppedSilos;
    private int _stoppedFrontends;

    private LocalCluster(BackingServers servers, string database)
    {
        _servers = servers;
        _database = database;
        _logs = Path.Combine(Path.GetTempPath(), "qm-cluster-logs", database);
        Directory.CreateDirectory(_logs);
    }

    public List<(ServiceProcess Process, string HealthUrl)> Silos { get; } = [];

    public List<(ServiceProcess Process, string Url)> Frontends { get; } = [];

    public string Database => _database;

    public static async Task<LocalCluster> StartAsync(BackingServers servers, int silos, int frontends)
    {
        var cluster = new LocalCluster(servers, await servers.CreateDatabaseAsync());
        try
        {
            for (var i = 0; i < silos; i++)
            {
                await cluster.StartSiloAsync();
            }

            for (var i = 0; i < frontends; i++)
            {
                cluster.StartFrontend();
            }

            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            return cluster;
        }
        catch
        {
            // The caller never gets the cluster to dispose: its processes would run on through the later tests.
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task<ServiceProcess> StartSiloAsync()
    {
        var n = ++_nextSilo;
        var http = Ports.Next();
        var environment = Common();
        environment["Orleans__SiloPort"] = Ports.Next().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = Ports.Next().ToString(CultureInfo.InvariantCulture);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http}";
        environment["Webhooks__SecretKey"] = WebhookSecretKey;
        // The webhook tests' receivers listen on loopback, which an operator must allow.
        environment["Webhooks__AllowedHosts__0"] = "127.0.0.1";
        var process = ServiceProcess.Start($"silo{n}", RepositoryPaths.SiloDll, environment, _logs);
        Silos.Add((process, $"http://127.0.0.1:{http}"));
        return Task.FromResult(process);
    }

    public void StartFrontend()
    {
        var environment = Common();
        var port = Ports.Next();
        environment["Quartermaster__Hosting"] = "Client";
        environment["QUARTERMASTER_ADMIN_KEY"] = AdminKey;
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = ServiceProcess.Start($"frontend{Frontends.Count + 1}", RepositoryPaths.FrontendDll, environment, _logs);
        Frontends.Add((process, $"http://127.0.0.1:{port}"));
    }

    /// <summary>Every live silo and frontend answers /readyz with 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var waiting = Silos.Where(s => !s.Process.HasExited).Select(s => (s.Process, Url: s.HealthUrl))
            .Concat(Frontends.Where(f => !f.Process.HasExited)).ToList();
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                foreach (var (process, url) in waiting.ToList())
                {
                    try
                    {
                        if (!(await http.GetAsync(url + "/readyz")).IsSuccessStatusCode)
                        {
                            return false;
                        }

                        waiting.Remove((process, url));
                    }
                    catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                }

                return true;
            }, patience, "every process ready");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not ready within {patience}:\n" + string.Join("\n", waiting.Select(w => $"{w.Url}: {w.Process.Describe()}")));
        }
    }

    /// <summary>SIGTERM to every frontend, then every silo, waiting for each to exit.</summary>
    public async Task StopAllAsync()
    {
        _stoppedSilos = Silos.Count(s => !s.Process.HasExited);
        _stoppedFrontends = Frontends.Count(f => !f.Process.HasExited);
        foreach (var process in Frontends.Select(f => f.Process).Concat(Silos.Select(s => s.Process)))
        {
            if (!process.HasExited)
            {
                await process.TerminateAsync(TimeSpan.FromSeconds(120));
            }

            _retired.Add(process);
        }

        Silos.Clear();
        Frontends.Clear();
    }

    /// <summary>
    /// As many silos and frontends as <see cref="StopAllAsync"/> stopped, on the same database. With
    /// <paramref name="frontendsFirst"/>, the silos start only once every frontend has said that it found no silo and
    /// is waiting for one, as when a whole deployment is applied at once.
    /// </summary>
    public async Task StartAgainAsync(bool frontendsFirst = false)
    {
        if (frontendsFirst)
        {
            StartFrontends(_stoppedFrontends);
            await Eventually.TrueAsync(
                () => Task.FromResult(Frontends.All(f => f.Process.ReadLog().Contains("Cluster not reachable yet", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(60), "every frontend waiting for a silo");
        }

        for (var i = 0; i < _stoppedSilos; i++)
        {
            await StartSiloAsync();
        }

        if (!frontendsFirst)
        {
            StartFrontends(_stoppedFrontends);
        }

        await WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
    }

    private void StartFrontends(int count)
    {
        for (var i = 0; i < count; i++)
        {
            StartFrontend();
        }
    }

    public string AllLogs() =>
        string.Join("\n", Silos.Select(s => s.Process).Concat(Frontends.Select(f => f.Process)).Concat(_retired)
            .Select(p => $"===== {p.Name}\n{p.ReadLog()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Silos.Select(s => s.Process).Concat(Frontends.Select(f => f.Process)).Concat(_retired))
        {
            await process.DisposeAsync();
        }
    }

    private Dictionary<string, string> Common() => new()
    {
        ["ConnectionStrings__Postgres"] = _servers.PostgresConnection(_database),
        ["ConnectionStrings__Redis"] = _servers.RedisConnection,
        ["Orleans__ClusterId"] = _database,
        ["Orleans__ServiceId"] = "quartermaster-tests",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Orleans"] = "Warning",
    };
}
