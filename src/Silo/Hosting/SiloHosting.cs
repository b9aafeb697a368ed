using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Telemetry;
using Quartermaster.Persistence.Hosting;
using Quartermaster.ServiceDefaults.Health;
using Quartermaster.ServiceDefaults.Hosting;
using Quartermaster.ServiceDefaults.Telemetry;

namespace Quartermaster.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// A standalone silo: with ConnectionStrings:Postgres and :Redis it joins the cluster through PostgreSQL
    /// and keeps its state there and in Redis; without them it is a single localhost silo with in-memory state.
    /// </summary>
    public static WebApplicationBuilder AddQuartermasterSilo(this WebApplicationBuilder builder)
    {
        var connections = StorageConnections.From(builder.Configuration);
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            // The dashboard collects on every silo; frontends show it under /dashboard.
            silo.AddQuartermasterGrains().AddActivityPropagation().AddDashboard();
            // Failure detection and shutdown are tunable (tests shorten them; Kubernetes sizes the grace period by them).
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.Services.Configure<SiloMessagingOptions>(builder.Configuration.GetSection("Orleans:Messaging"));
            if (builder.Configuration["POD_NAME"] is { Length: > 0 } podName)
            {
                silo.Configure<SiloOptions>(options => options.SiloName = podName);
            }

            if (connections.IsDurable)
            {
                silo.Configure<ClusterOptions>(cluster.Apply);
                silo.ConfigureEndpoints(
                    cluster.AdvertisedIp is { } ip ? IPAddress.Parse(ip) : IPAddress.Loopback,
                    cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.AdvertisedIp is not null);
                silo.AddQuartermasterDurableState(connections.Postgres!, connections.Redis!);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId)
                    .AddQuartermasterInMemoryState();
            }
        });
        builder.AddQuartermasterTelemetry("quartermaster-silo", QuartermasterMetrics.MeterName, QuartermasterTracing.SourceName);
        builder.Services.AddSingleton(TimeProvider.System);
        // Long enough to hand every grain over on SIGTERM; Kubernetes' grace period must exceed it.
        // Orleans:ShutdownTimeout wins; else the host's own shutdownTimeoutSeconds; else 90 s rather than .NET's 30.
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = builder.Configuration.GetValue<TimeSpan?>("Orleans:ShutdownTimeout")
                ?? (builder.Configuration["shutdownTimeoutSeconds"] is null ? TimeSpan.FromSeconds(90) : options.ShutdownTimeout));
        builder.Services.AddQuartermasterHealth(connections, storageIsReadiness: true)
            .AddCheck<SiloMembershipHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.UseQuartermasterTelemetry();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }
}
