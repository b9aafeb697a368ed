using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orleans.TestingHost;
using Quartermaster.ApiFrontend.Tests.Contract;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// A two-silo in-process cluster and the real HTTP frontend in front of it, shared by every test of the
/// collection; tests isolate themselves by creating their own tenant through the admin API.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const int MaxRateLimitPerSecond = 100_000;
    public const int MaxRateLimitBurst = 1_000_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<TestTenant>>> _shared = new(StringComparer.Ordinal);
    private TestCluster? _cluster;
    private ApiFactory? _factory;
    private Lazy<Task<OpenApiContract>>? _contract;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException("The frontend is not started.");

    /// <summary>Grain calls straight to the cluster, for what the API cannot do (trigger an expiry).</summary>
    public IClusterClient Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder();
        builder.Options.InitialSilosCount = 2;
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _factory = new ApiFactory(_cluster.Client);
        _ = _factory.Server;
        _contract = new Lazy<Task<OpenApiContract>>(LoadContractAsync);
    }

    /// <summary>The OpenAPI document this host serves, as the checker every fixture client runs its responses through.</summary>
    public Task<OpenApiContract> ContractAsync() =>
        (_contract ?? throw new InvalidOperationException("The frontend is not started.")).Value;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => Factory.CreateDefaultClient(new ContractCheckingHandler(ContractAsync));

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Admin() => WithKey(ApiFactory.AdminKey);

    /// <summary>
    /// A fresh tenant with a unique id and an API key, created through the admin API. Its rate limits are the
    /// highest allowed, so that tests which fire hundreds of requests at once measure stock, not the limiter;
    /// <paramref name="defaultSettings"/> keeps every setting at its documented default instead.
    /// </summary>
    public Task<TestTenant> NewTenantAsync(string prefix = "t", int? reservationTtlSeconds = null, bool defaultSettings = false) =>
        TestTenant.CreateAsync(this, TestTenant.NewId(prefix), defaultSettings
            ? null
            : new { reservationTtlSeconds, rateLimitPerSecond = MaxRateLimitPerSecond, rateLimitBurst = MaxRateLimitBurst });

    private async Task<OpenApiContract> LoadContractAsync()
    {
        using var client = Factory.CreateDefaultClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))
            ?? throw new InvalidOperationException("The OpenAPI document is empty.");
        return new OpenApiContract(document);
    }

    /// <summary>One tenant shared by the tests that ask for it by name, created and seeded once.</summary>
    public Task<TestTenant> SharedTenantAsync(string name, Func<TestTenant, Task> seed) =>
        _shared.GetOrAdd(name, _ => new Lazy<Task<TestTenant>>(async () =>
        {
            var tenant = await NewTenantAsync(name);
            await seed(tenant);
            return tenant;
        })).Value;
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}

/// <summary>
/// A cluster of its own, for tests that count every activation: on the shared one, other tests' background work
/// (a webhook engine woken by its reminder, an expiry sweep) activates grains at any moment and counts as theirs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QuietClusterCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "quiet-cluster";
}
