using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Tenants;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

/// <summary>
/// State read back from the development mode's storage is the state that was written, and nothing else's. The
/// storage's default serializer filled the objects a new state starts with; every tenant's starts with the one
/// <see cref="TenantSettings.Default"/>, so each tenant activation read back from storage rewrote the defaults of
/// the whole silo: the settings of tenants created afterwards, and of every tenant still using them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InMemoryStateTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Tenants_read_one_after_another_keep_their_own_settings_and_leave_the_defaults_alone()
    {
        var storage = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services
            .GetRequiredKeyedService<IGrainStorage>(StorageNames.Business);
        var slow = GrainId.Create("tenant", TestTenant.NewId("slow"));
        var quick = GrainId.Create("tenant", TestTenant.NewId("quick"));
        await storage.WriteStateAsync(StateNames.Tenant, slow, Tenant("slow", new TenantSettings()));
        await storage.WriteStateAsync(StateNames.Tenant, quick, Tenant("quick", new TenantSettings
        {
            ReservationTtlSeconds = 10, LowStockThreshold = 3, RateLimitPerSecond = 7, RateLimitBurst = 9,
        }));

        var slowRead = new GrainState<TenantState>(new TenantState());
        var quickRead = new GrainState<TenantState>(new TenantState());
        await storage.ReadStateAsync(StateNames.Tenant, slow, slowRead);
        await storage.ReadStateAsync(StateNames.Tenant, quick, quickRead);

        Assert.Equal(new TenantSettings(), TenantSettings.Default);
        Assert.Equal(new TenantSettings(), slowRead.State!.Settings);
        var quickSettings = quickRead.State!.Settings;
        Assert.Equal((10, 3L, 7, 9), (quickSettings.ReservationTtlSeconds, quickSettings.LowStockThreshold,
            quickSettings.RateLimitPerSecond, quickSettings.RateLimitBurst));
    }

    private static GrainState<TenantState> Tenant(string name, TenantSettings settings) =>
        new(new TenantState { Name = name, Settings = settings, Version = 1 });
}
