using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>What every test silo runs: the real grains, in-memory state, and the shared fake business clock.</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // Keyed, and before AddQuartermasterGrains (which only tries to add the system clock). The unkeyed
        // TimeProvider stays the real one: Orleans uses it for membership, messaging and timers.
        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ClockNames.Business, BusinessClock.Instance);
        siloBuilder.AddQuartermasterGrains().AddQuartermasterInMemoryState().AddActivityPropagation();
        // The webhook receivers of the tests listen on loopback: allowed by the operator's list, as a
        // deployment would allow an internal host. Every other loopback or private address stays refused.
        siloBuilder.Services.Configure<WebhookOptions>(options => options.AllowedHosts = ["127.0.0.1"]);
    }
}

/// <summary>The test cluster's client carries the HTTP request's trace into grain calls, as the frontend's does.</summary>
public sealed class ClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddActivityPropagation();
}
