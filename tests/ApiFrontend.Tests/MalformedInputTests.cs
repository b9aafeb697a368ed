using System.Net;
using System.Text;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Every malformed request is a 400 validation_failed naming its field; never a 500, never a write.</summary>
[Collection(ApiCollection.Name)]
public sealed class MalformedInputTests(ApiFixture fixture)
{
    public static TheoryData<string> Cases => MalformedInputCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task IsRefusedWithTheFieldNamedAndNothingWritten(string name)
    {
        var bad = MalformedInputCases.All[name];
        var tenant = await SharedTenantAsync();
        var before = await SnapshotAsync(tenant);

        using var admin = fixture.Admin();
        var client = bad.Admin ? admin : tenant.Client;
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path.Replace("{tenant}", tenant.Id, StringComparison.Ordinal));
        if (bad.Body is not null)
        {
            request.Content = new StringContent(bad.Body, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        var problem = await response.AssertValidationAsync();
        var named = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(bad.Field.Split('|').Any(named.Contains), $"errors names {string.Join(", ", named)}, not {bad.Field}.");

        Assert.Equal(before, await SnapshotAsync(tenant));
        await (await admin.GetAsync($"/api/v1/admin/tenants/{MalformedInputCases.ProbeTenantId}"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsReportedAsSuch()
    {
        var tenant = await SharedTenantAsync();
        var response = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", """{"movementId": "m9", "quantity": 1""");
        var problem = await response.AssertValidationAsync("body");
        Assert.Contains("JSON", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWritingEndpointHasCases()
    {
        string[] endpoints = ["tenants", "api-keys", "settings", "warehouse", "product", "receipt", "adjustment", "transfer", "hold", "order"];
        foreach (var endpoint in endpoints)
        {
            var names = MalformedInputCases.All.Keys.Where(k => k.StartsWith(endpoint + ":", StringComparison.Ordinal)).ToList();
            Assert.Contains(names, n => n.Contains("invalid JSON", StringComparison.Ordinal));
            Assert.True(names.Count >= 4, $"{endpoint} has only {names.Count} cases.");
        }
    }

    private Task<TestTenant> SharedTenantAsync() => fixture.SharedTenantAsync("malformed", async tenant =>
    {
        await tenant.SeedAsync(["p1"], ["w1", "w2"], onHand: 10);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", "c1", new OrderLine("p1", "w1", 2))).StatusCode);
    });

    /// <summary>Everything a bad request could have written, as the API shows it.</summary>
    private async Task<string> SnapshotAsync(TestTenant tenant)
    {
        using var admin = fixture.Admin();
        string[] paths =
        [
            "/api/v1/settings", "/api/v1/products", "/api/v1/warehouses", "/api/v1/orders",
            "/api/v1/stock/p1/w1", "/api/v1/stock/p1/w2", "/api/v1/stock/p1/w1/movements", "/api/v1/stock/p1/w2/movements",
        ];
        var parts = new List<string>();
        foreach (var path in paths)
        {
            var response = await tenant.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            parts.Add(path + " " + response.Headers.ETag + " " + await response.Content.ReadAsStringAsync());
        }

        var keys = await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys");
        parts.Add(await keys.Content.ReadAsStringAsync());
        return string.Join("\n", parts);
    }
}
