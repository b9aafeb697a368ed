using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// The operator sign-in over HTTP (the browser test drives it in Chromium): what the cookie is, where it counts, and
/// that the forms refuse what did not come from them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OperatorSignInTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_admin_key_opens_a_strict_session_that_the_API_refuses_and_sign_out_ends()
    {
        using var browser = Browser();
        var token = await FormTokenAsync(browser, "/operator/sign-in");
        var signIn = await PostFormAsync(browser, "/operator/sign-in", ("csrf", token), ("key", ApiFactory.AdminKey), ("returnUrl", "//evil.example/x"));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/operator", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("quartermaster-admin=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        var home = await browser.GetAsync("/operator");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Signed in with the admin key", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", home.Headers.GetValues("X-Frame-Options").Single());

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/admin/tenants/anyone")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/settings")).StatusCode);

        var signOut = await PostFormAsync(browser, "/operator/sign-out", ("csrf", await FormTokenAsync(browser, "/operator")));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await browser.GetAsync("/operator");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://localhost/operator/sign-in", after.Headers.Location?.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_the_form_token_is_refused_even_with_the_admin_key()
    {
        using var browser = Browser();
        var forged = await PostFormAsync(browser, "/operator/sign-in", ("key", ApiFactory.AdminKey));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("quartermaster-admin=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/operator")).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrong_key_or_a_tenant_key_never_signs_in(bool tenantKey)
    {
        var key = tenantKey ? (await fixture.NewTenantAsync("signin")).Key : "not-the-admin-key-0123456789";
        using var browser = Browser();
        var token = await FormTokenAsync(browser, "/operator/sign-in");
        var refused = await PostFormAsync(browser, "/operator/sign-in", ("csrf", token), ("key", key));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("That is not the admin key.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/operator")).StatusCode);
    }

    /// <summary>A cookie-keeping client over https, as a browser on the real site is.</summary>
    private HttpClient Browser() =>
        fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    private static async Task<string> FormTokenAsync(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        return WebUtility.HtmlDecode(FormToken().Match(html).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, params (string Name, string Value)[] fields) =>
        browser.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    [GeneratedRegex("""name="csrf" value="([^"]+)""")]
    private static partial Regex FormToken();
}
