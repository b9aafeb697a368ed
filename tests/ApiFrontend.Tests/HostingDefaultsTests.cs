using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Outside Development the service never runs as the embedded demo by default, and never with a published admin key.</summary>
public sealed class HostingDefaultsTests
{
    [Theory]
    [InlineData("CHANGE-ME-admin-key-of-16-or-more-characters")]
    [InlineData("dev-only-admin-key-change-me")]
    [InlineData("admin-dev-key-0001")]
    [InlineData("my-placeholder-admin-key")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa")]
    public void ProductionRefusesToStartWithAPlaceholderAdminKey(string adminKey)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Quartermaster:AdminKeys:0", adminKey);
        });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("placeholder", Flatten(error), StringComparison.Ordinal);
        Assert.Contains("refusing to start", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionWithNoHostingModeIsAFrontendNotTheEmbeddedDemo()
    {
        using var app = Build("Production", hosting: null);
        Assert.Equal(HostingMode.Client, app.Services.GetRequiredService<IOptions<QuartermasterOptions>>().Value.Hosting);
        Assert.NotNull(app.Services.GetService<IClusterClient>());
        Assert.Null(app.Services.GetService<ILocalSiloDetails>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Name == "DevelopmentSeeder");
    }

    [Fact]
    public void DevelopmentWithNoHostingModeIsTheEmbeddedDemo()
    {
        using var app = Build("Development", hosting: null);
        Assert.Equal(HostingMode.Embedded, app.Services.GetRequiredService<IOptions<QuartermasterOptions>>().Value.Hosting);
        Assert.NotNull(app.Services.GetService<ILocalSiloDetails>());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s.GetType().Name == "DevelopmentSeeder");
    }

    [Fact]
    public void ProductionRunsTheEmbeddedDemoOnlyWhenSetExplicitly()
    {
        using var app = Build("Production", hosting: "Embedded");
        Assert.Equal(HostingMode.Embedded, app.Services.GetRequiredService<IOptions<QuartermasterOptions>>().Value.Hosting);
        Assert.NotNull(app.Services.GetService<ILocalSiloDetails>());
    }

    private static WebApplication Build(string environment, string? hosting)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Quartermaster:AdminKeys:0"] = "a-real-admin-key-3f9c2e7b81d04a6c";
        if (hosting is not null)
        {
            builder.Configuration["Quartermaster:Hosting"] = hosting;
        }

        builder.AddQuartermasterOrleans();
        builder.AddQuartermasterApi();
        return builder.Build();
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is { } inner ? " | " + Flatten(inner) : string.Empty);
}
