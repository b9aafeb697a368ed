using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>The real frontend (Program) in External hosting mode, talking to the test cluster through its client.</summary>
public sealed class ApiFactory(IClusterClient client) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Quartermaster:Hosting", "External");
        builder.UseSetting("Quartermaster:AdminKeys:0", AdminKey);
        // Every test shares one client address; the per-address limit has tests of its own (AbuseLimitTests).
        builder.UseSetting("Quartermaster:UnauthenticatedRateLimit:PerSecond", "1000000");
        builder.UseSetting("Quartermaster:UnauthenticatedRateLimit:Burst", "10000000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(client);
            services.AddSingleton<IGrainFactory>(client);
        });
    }
}
