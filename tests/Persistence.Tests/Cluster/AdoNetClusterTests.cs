using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Cluster;

/// <summary>A real two-silo cluster whose membership, gateway list and reminders all live in our tables.</summary>
public sealed class AdoNetClusterTests(AdoNetCluster cluster) : IClassFixture<AdoNetCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Both_silos_are_active_in_the_membership_table()
    {
        var activePorts = await Eventually.ReturnsAsync(
            ActiveSiloPortsAsync, ports => ports.Count == 2, Patience, "two Active rows in orleans_silos");

        Assert.Equal(cluster.SiloPorts.Order(), activePorts.Order());
        Assert.True(await cluster.Database.ScalarAsync<int>(
            "SELECT version FROM orleans_cluster_version WHERE deployment_id = $1", cluster.ClusterId) >= 2);
    }

    [Fact]
    public async Task The_management_grain_sees_both_silos_active()
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        var hosts = await Eventually.ReturnsAsync(
            () => management.GetHosts(onlyActive: true), h => h.Count == 2, Patience, "two active hosts");

        Assert.Equal(cluster.SiloPorts.Order(), hosts.Keys.Select(s => s.Endpoint.Port).Order());
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));
    }

    [Fact]
    public async Task The_client_finds_the_gateways_through_the_membership_table()
    {
        var gatewayList = cluster.ClientHost.Services.GetRequiredService<IGatewayListProvider>();
        Assert.IsType<AdoNetGatewayListProvider>(gatewayList);

        var gateways = await Eventually.ReturnsAsync(
            () => gatewayList.GetGatewaysAsync(), g => g.Count == 2, Patience, "two gateways");

        Assert.All(gateways, g => Assert.Equal("127.0.0.1", g.Host));
        Assert.NotEmpty(await cluster.Client.GetGrain<IReminderProbeGrain>("gateway-call").Silo());
    }

    [Fact]
    public async Task A_reminder_is_stored_fires_and_is_removed()
    {
        var probe = cluster.Client.GetGrain<IReminderProbeGrain>($"probe-{Guid.NewGuid():N}");

        await probe.Register("expire-holds", dueTime: TimeSpan.FromSeconds(1), period: TimeSpan.FromMinutes(1));

        Assert.Equal(60_000L, await cluster.Database.ScalarAsync<long>(
            "SELECT period_ms FROM orleans_reminders WHERE service_id = $1 AND grain_id LIKE '%' || $2 AND reminder_name = $3",
            cluster.ServiceId, probe.GetPrimaryKeyString(), "expire-holds"));
        Assert.True(await probe.IsRegistered("expire-holds"));
        await Eventually.ReturnsAsync(() => probe.Ticks("expire-holds"), ticks => ticks >= 1, Patience, "the first reminder tick");

        await probe.Unregister("expire-holds");

        Assert.False(await probe.IsRegistered("expire-holds"));
        Assert.Equal(0L, await cluster.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminders WHERE service_id = $1 AND reminder_name = $2",
            cluster.ServiceId, "expire-holds"));
    }

    private async Task<List<int>> ActiveSiloPortsAsync()
    {
        var ports = await cluster.Database.ScalarAsync<int[]>(
            "SELECT coalesce(array_agg(port), '{}') FROM orleans_silos WHERE deployment_id = $1 AND status = 3",
            cluster.ClusterId);
        return [.. ports];
    }
}
