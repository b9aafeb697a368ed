using Quartermaster.Deployment.Tests.Infrastructure;

namespace Quartermaster.Deployment.Tests;

/// <summary>The key list the other tests compare against is found in src/, so it must find the documented keys.</summary>
public sealed class ConfigurationKeysTests
{
    [Theory]
    [InlineData("ConnectionStrings__Postgres")]
    [InlineData("ConnectionStrings__Redis")]
    [InlineData("Orleans__ClusterId")]
    [InlineData("Orleans__ServiceId")]
    [InlineData("Orleans__SiloPort")]
    [InlineData("Orleans__GatewayPort")]
    [InlineData("Orleans__AdvertisedIp")]
    [InlineData("POD_IP")]
    [InlineData("Quartermaster__Hosting")]
    [InlineData("Quartermaster__AdminKeys__0")]
    [InlineData("Quartermaster__AdminKeys__1")]
    [InlineData("QUARTERMASTER_ADMIN_KEY")]
    [InlineData("Orleans__Membership__ProbeTimeout")]
    [InlineData("orleans__clusterid")]
    [InlineData("POD_NAME")]
    public void Documented_keys_are_found_in_the_code(string environmentName) =>
        Assert.True(CodeFacts.Keys.IsRead(environmentName), $"{environmentName} is not read by anything in src/");

    [Theory]
    [InlineData("Orleans__ClusterIdentifier")]
    [InlineData("ConnectionStrings__Postgresql")]
    [InlineData("Quartermaster__AdminKeys__first")]
    [InlineData("Orleans__Membership")]
    [InlineData("POD_UID")]
    [InlineData("ASPNETCORE_URLS")]
    public void Other_names_are_not(string environmentName) =>
        Assert.False(CodeFacts.Keys.IsRead(environmentName), $"{environmentName} should not count as read by src/");

    [Fact]
    public void Both_hosts_serve_the_health_endpoints()
    {
        foreach (var project in new[] { "Silo", "ApiFrontend" })
        {
            var routes = CodeFacts.GetRoutes(project);
            Assert.Contains("/livez", routes);
            Assert.Contains("/readyz", routes);
            Assert.Contains("/health", routes);
        }

        Assert.DoesNotContain("/healthz", CodeFacts.GetRoutes("Silo"));
    }
}
