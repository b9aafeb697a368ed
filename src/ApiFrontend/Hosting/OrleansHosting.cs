using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Configuration;
using Orleans.Dashboard;
using Quartermaster.ApiFrontend.Resilience;
using Quartermaster.Grains.Hosting;
using Quartermaster.ServiceDefaults.Hosting;

namespace Quartermaster.ApiFrontend.Hosting;

public static class OrleansHosting
{
    /// <summary>Connects the API to grains the way <see cref="QuartermasterOptions.Hosting"/> says.</summary>
    public static WebApplicationBuilder AddQuartermasterOrleans(this WebApplicationBuilder builder)
    {
        var mode = HostingModes.Resolve(builder.Configuration, builder.Environment);
        var connections = StorageConnections.From(builder.Configuration);
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.Services.AddSingleton(connections);
        switch (mode)
        {
            case HostingMode.Embedded:
                builder.UseOrleans(silo => silo
                    .AddActivityPropagation()
                    .AddDashboard()
                    .UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId)
                    .AddQuartermasterGrains()
                    .AddQuartermasterInMemoryState());
                builder.Services.AddHostedService<DevelopmentSeeder>();
                builder.Services.AddHealthChecks().AddCheck<EmbeddedDeliveriesHealthCheck>("deliveries", failureStatus: HealthStatus.Degraded);
                break;
            case HostingMode.Client:
                builder.UseOrleansClient(client =>
                {
                    client.Configure<ClusterOptions>(cluster.Apply);
                    client.AddActivityPropagation();
                    client.AddDashboard();
                    client.Services.Configure<ClientMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
                    client.Services.Configure<GatewayOptions>(builder.Configuration.GetSection("Orleans:Gateway"));
                    client.UseConnectionRetryFilter<ClusterConnectRetry>();
                    client.Services.AddSingleton<SiloDepartures>();
                    client.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<SiloDepartures>());
                    if (connections.Postgres is { } postgres)
                    {
                        client.UseAdoNetClustering(options =>
                        {
                            options.Invariant = ClusterSettings.AdoNetInvariant;
                            options.ConnectionString = postgres;
                        });
                    }
                    else
                    {
                        client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
                    }
                });
                // after the client's own hosted service, so the gateway list provider is initialised when it is first read
                builder.Services.AddHostedService<SiloDepartureWatch>();
                break;
            case HostingMode.External:
                break;
        }

        return builder;
    }
}
