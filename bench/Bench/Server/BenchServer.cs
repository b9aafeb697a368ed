using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Dashboard;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.Bench.Baselines;
using Quartermaster.Grains.Hosting;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Migrations;
using Quartermaster.ServiceDefaults.Hosting;

namespace Quartermaster.Bench.Server;

/// <summary>
/// The process under test: the production API pipeline with a silo co-hosted in the same process and its
/// state in PostgreSQL and Redis (as a silo keeps it), plus the two baselines mapped behind the same
/// pipeline, so a request to either differs only in what happens after the endpoint is reached.
/// </summary>
internal static class BenchServer
{
    public static async Task<int> RunAsync(ServerSettings settings)
    {
        await Migrator.MigrateAsync(settings.Postgres, NullLogger.Instance, CancellationToken.None);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{StorageConnections.PostgresName}"] = settings.Postgres,
            [$"ConnectionStrings:{StorageConnections.RedisName}"] = settings.Redis,
            ["QUARTERMASTER_ADMIN_KEY"] = settings.AdminKey,
            ["Webhooks:SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // The bench's webhook receiver listens on loopback, which an operator must allow.
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Quartermaster:Hosting"] = nameof(HostingMode.Embedded),
            // The levels both hosts ship in their appsettings.json, so the bench pays for what production logs
            // (an order's transitions are logged at Information).
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Urls"] = $"http://127.0.0.1:{settings.Port}",
        });
        var connections = StorageConnections.From(builder.Configuration);
        builder.Services.AddSingleton(connections);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("bench", "bench"));
            silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
            silo.AddQuartermasterGrains().AddActivityPropagation().AddDashboard();
            silo.AddQuartermasterDurableState(settings.Postgres, settings.Redis);
        });
        builder.AddQuartermasterApi();
        builder.Services.AddBaselines(settings.Postgres, settings.Redis);

        var app = builder.Build();
        await app.Services.PrepareBaselinesAsync(CancellationToken.None);
        app.UseQuartermasterApi();
        app.MapBaselines();
        if (Environment.GetEnvironmentVariable("QM_BENCH_SPANS") == "1")
        {
            var spans = new SpanSummary();
            app.MapGet("/bench/spans", () => spans.Report());
        }

        await app.RunAsync();
        return 0;
    }
}
