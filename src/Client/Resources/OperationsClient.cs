using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>The probes, which need no key: /livez, /readyz and /health.</summary>
public sealed class OperationsClient
{
    private readonly ApiTransport _api;

    internal OperationsClient(ApiTransport api) => _api = api;

    /// <summary>The health report; a 503 (unhealthy) is thrown as a problem like any other.</summary>
    public Task<HealthResponse> HealthAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<HealthResponse>(HttpMethod.Get, "health", null, default, cancellationToken);

    /// <summary>Whether the frontend can serve (it reaches the cluster).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _api.SucceedsAsync("readyz", cancellationToken);

    /// <summary>Whether the process runs.</summary>
    public Task<bool> IsLiveAsync(CancellationToken cancellationToken = default) => _api.SucceedsAsync("livez", cancellationToken);
}
