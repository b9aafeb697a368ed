using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Quartermaster.Persistence.Tests.Membership;

/// <summary>Orleans' own ADO.NET membership table and gateway list provider, pointed at a test database.</summary>
internal static class MembershipTableFactory
{
    public const string Invariant = "Npgsql";

    public static async Task<IMembershipTable> CreateAsync(string connectionString, string clusterId, bool tryInitTableVersion = true)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion);
        return table;
    }

    public static async Task<IGatewayListProvider> CreateGatewayListAsync(string connectionString, string clusterId)
    {
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = Invariant, ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }));
        await gateways.InitializeGatewayListProviderAsync();
        return gateways;
    }

    public static MembershipEntry Entry(int port, SiloStatus status, DateTime now, int proxyPort = 0) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, generation: 7),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = proxyPort,
        StartTime = now,
        IAmAliveTime = now,
    };
}
