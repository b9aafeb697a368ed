using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Quartermaster.Deployment.Tests;

/// <summary>
/// The manifests bound the silo's graceful stop with `shutdownTimeoutSeconds`, a key the .NET host reads
/// itself (no code of ours): prove the hosts' builder honours it, from the environment as in a container.
/// </summary>
public sealed class HostOptionsTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("30", 30)]
    public void ShutdownTimeoutSeconds_sets_the_host_shutdown_timeout(string value, int seconds)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["shutdownTimeoutSeconds"] = value });
        using var app = builder.Build();
        Assert.Equal(TimeSpan.FromSeconds(seconds), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
