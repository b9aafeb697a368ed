using System.Globalization;
using Quartermaster.Tests.Shared;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// The frontend as one real process in Production with Hosting=Embedded: its own silo and in-memory state, the demo
/// tenant seeded, the admin key required. Its log (which holds the printed demo key) goes to the caller's directory.
/// </summary>
public sealed class EmbeddedFrontend : IAsyncDisposable
{
    public const string DemoKey = "qm_browser-test-demo-key-0123456789";

    private readonly ServiceProcess _process;

    private EmbeddedFrontend(ServiceProcess process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<EmbeddedFrontend> StartAsync(string logDirectory, TimeSpan patience)
    {
        var port = Ports.Next();
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Quartermaster__Hosting"] = "Embedded",
            ["QUARTERMASTER_ADMIN_KEY"] = LocalCluster.AdminKey,
            ["QUARTERMASTER_DEMO_KEY"] = DemoKey,
            ["Orleans__SiloPort"] = Ports.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = Ports.Next().ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Logging__LogLevel__Orleans"] = "Warning",
        };
        var frontend = new EmbeddedFrontend(ServiceProcess.Start("embedded-frontend", RepositoryPaths.FrontendDll, environment, logDirectory),
            $"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(frontend.Url + "/readyz")).IsSuccessStatusCode;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, patience, "the embedded frontend is ready at " + frontend.Url);
        return frontend;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
