using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// The operator pages in a real browser (headless Chromium) against the real frontend process in Production: the
/// admin key signs in and opens the dashboard, which renders the silo; the session is refused by the API; sign-out
/// ends it; a wrong key or a tenant key never signs in.
/// </summary>
public sealed class OperatorSignInBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Admin_signs_in_sees_the_dashboard_and_signs_out_while_wrong_and_tenant_keys_are_refused()
    {
        Assert.True(HeadlessChromium.IsInstalled, $"{HeadlessChromium.Browser} and {HeadlessChromium.Driver} are needed (apt-get install chromium chromium-driver)");
        var artifacts = Path.Combine(RepositoryPaths.Root, "tests", "Cluster.Tests", "TestResults", "browser",
            DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(artifacts);
        output.WriteLine($"Screenshots and the frontend's log: {artifacts}");
        await using var frontend = await EmbeddedFrontend.StartAsync(artifacts, TimeSpan.FromMinutes(3));
        var silo = await SiloAddressAsync(frontend.Url);
        await TenantKeyWorksOnTheApiAsync(frontend.Url);
        // Browsers keep Secure cookies from http only on localhost (a secure context), as operators reach a port-forward.
        var first = Localhost(frontend.Url);
        using var browser = new HeadlessChromium(artifacts);

        browser.Open(first + "/dashboard");
        browser.WaitForUrl(url => url.Contains("/operator/sign-in", StringComparison.Ordinal), Patience, "the dashboard sends a stranger to sign in");
        browser.Screenshot("sign-in-page");

        SignIn(browser, "not-the-admin-key-0123456789");
        browser.WaitForText("That is not the admin key.", Patience);
        browser.Screenshot("wrong-key-refused");
        Assert.Null(browser.Cookie("quartermaster-admin"));

        SignIn(browser, EmbeddedFrontend.DemoKey);
        browser.WaitForText("That is not the admin key.", Patience);
        browser.Screenshot("tenant-key-refused");
        Assert.Null(browser.Cookie("quartermaster-admin"));
        browser.Open(first + "/dashboard");
        browser.WaitForUrl(url => url.Contains("/operator/sign-in", StringComparison.Ordinal), Patience, "a refused key opened nothing");

        SignIn(browser, LocalCluster.AdminKey);
        browser.WaitForUrl(url => url.EndsWith("/dashboard", StringComparison.Ordinal) || url.Contains("/dashboard/", StringComparison.Ordinal),
            Patience, "sign-in returns to the dashboard");
        browser.WaitForText("Active Silos", Patience);
        browser.Screenshot("dashboard-first-frontend");
        browser.Open(first + "/dashboard/#/silos");
        browser.WaitForText(silo, Patience);
        browser.Screenshot("dashboard-silos");
        var session = browser.Cookie("quartermaster-admin");
        Assert.NotNull(session);
        Assert.True(session.Secure, "the session cookie is Secure");
        Assert.True(session.IsHttpOnly, "the session cookie is HttpOnly");
        Assert.Equal("Strict", session.SameSite);

        browser.Open(first + "/api/v1/admin/tenants/demo");
        browser.WaitForText("\"status\":401", Patience);
        browser.Screenshot("session-refused-by-admin-api");
        browser.Open(first + "/api/v1/settings");
        browser.WaitForText("\"status\":401", Patience);

        browser.Open(first + "/operator");
        browser.WaitForText("Signed in with the admin key", Patience);
        browser.Screenshot("operator-page");
        browser.Click("api-reference");
        browser.WaitForUrl(url => url.Contains("/scalar", StringComparison.Ordinal), Patience, "the API reference opens");
        browser.WaitForText("Quartermaster", Patience);
        browser.Screenshot("api-reference");

        browser.Open(first + "/operator");
        browser.Click("sign-out");
        browser.WaitForText("Signed out.", Patience);
        browser.Screenshot("signed-out");
        Assert.Null(browser.Cookie("quartermaster-admin"));
        browser.Open(first + "/dashboard");
        browser.WaitForUrl(url => url.Contains("/operator/sign-in", StringComparison.Ordinal), Patience, "after sign-out the dashboard is refused");
        browser.Screenshot("dashboard-refused-after-sign-out");
    }

    private static void SignIn(HeadlessChromium browser, string key)
    {
        browser.Type("key", key);
        browser.Click("sign-in");
    }

    /// <summary>The tenant key the browser must be refused with is a working key of the API.</summary>
    private static async Task TenantKeyWorksOnTheApiAsync(string frontend)
    {
        using var http = new HttpClient { BaseAddress = new Uri(frontend) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmbeddedFrontend.DemoKey);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/v1/settings")).StatusCode);
    }

    private static string Localhost(string url) => url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    /// <summary>
    /// The silo's address as the dashboard shows it (host:port), read with the admin key as a Bearer header. The
    /// dashboard gathers its counters on a timer, so just after start it lists no host yet.
    /// </summary>
    private static async Task<string> SiloAddressAsync(string frontend)
    {
        using var http = new HttpClient { BaseAddress = new Uri(frontend) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LocalCluster.AdminKey);
        string? address = null;
        await Eventually.TrueAsync(async () =>
        {
            var hosts = (await http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters")).GetProperty("hosts");
            address = hosts.GetArrayLength() > 0 ? hosts[0].GetProperty("siloAddress").GetString() : null;
            return address is not null;
        }, Patience, "the dashboard to list the silo");
        var listed = address!;
        return listed[..listed.IndexOf('@', StringComparison.Ordinal)];
    }
}
