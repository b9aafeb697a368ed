using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// PostgreSQL refuses U+0000 in text and jsonb, and UTF-8 cannot encode a lone surrogate. A customer named "a\u0000b"
/// once answered 503 "safe to retry" in PostgreSQL mode (every retry failed the same way) and 201 in the in-memory
/// mode; a CSV row carrying one made its import's chunk unwritable. Every free-text field refuses both with 400
/// naming the field, in both modes, and an import fails only that row.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnstorableTextTests(ApiFixture fixture)
{
    /// <summary>JSON escapes, so the request itself is valid JSON: NUL, and a high surrogate with no low one after it.</summary>
    public static readonly TheoryData<string> Unstorable = ["a\\u0000b", "a\\ud800b", "\\udc00"];

    /// <summary>(admin?, method, path, body template, field): "{text}" is replaced by the escaped text.</summary>
    private static readonly (bool Admin, string Method, string Path, string Body, string Field)[] Positions =
    [
        (true, "POST", "/api/v1/admin/tenants", """{"tenantId":"t-unstorable","name":"{text}"}""", "name"),
        (false, "PUT", "/api/v1/warehouses/w9", """{"name":"{text}"}""", "name"),
        (false, "PUT", "/api/v1/products/p9", """{"name":"{text}"}""", "name"),
        (false, "PUT", "/api/v1/products/p9", """{"name":"n","unit":"{text}"}""", "unit"),
        (false, "POST", "/api/v1/stock/p1/w1/receipts", """{"movementId":"m9","quantity":1,"reason":"{text}"}""", "reason"),
        (false, "POST", "/api/v1/stock/p1/w1/adjustments", """{"movementId":"m9","countedOnHand":1,"reason":"{text}"}""", "reason"),
        (false, "PUT", "/api/v1/customers/c9", """{"name":"{text}"}""", "name"),
        (false, "PUT", "/api/v1/customers/c9", """{"name":"n","email":"{text}"}""", "email"),
        (false, "PUT", "/api/v1/customers/c9", """{"name":"n","phone":"{text}"}""", "phone"),
        (false, "PUT", "/api/v1/customers/c9", """{"name":"n","attributes":{"tier":"{text}"}}""", "attributes.tier"),
        (false, "PUT", "/api/v1/customers/c9", """{"name":"n","attributes":{"{text}":"gold"}}""", "attributes"),
        (false, "POST", "/api/v1/webhook-endpoints", """{"url":"http://127.0.0.1:9/h","eventTypes":["*"],"description":"{text}"}""", "description"),
    ];

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task Every_text_field_refuses_it_naming_the_field_and_writes_nothing(string escaped)
    {
        var tenant = await fixture.NewTenantAsync("text");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        using var admin = fixture.Admin();

        var failures = new List<string>();
        foreach (var (isAdmin, method, path, body, field) in Positions)
        {
            var response = await (isAdmin ? admin : tenant.Client).SendAsync(
                HttpCalls.Request(new HttpMethod(method), path, body.Replace("{text}", escaped, StringComparison.Ordinal)));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !Fixtures.Problems.IsValidationNaming(text, field))
            {
                failures.Add($"{method} {path} {field}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.GetAsync("/api/v1/products/p9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.GetAsync("/api/v1/customers/c9")).StatusCode);
        Assert.Equal(1, (await tenant.StockAsync("p1", "w1")).Version);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/tenants/t-unstorable")).StatusCode);
    }

    /// <summary>
    /// A search reaches PostgreSQL as a query parameter, which refuses U+0000 as a stored value would: the list
    /// answered 200 in the in-memory mode and failed in PostgreSQL mode.
    /// </summary>
    [Theory]
    [InlineData("/api/v1/customers?q=a%00b")]
    [InlineData("/api/v1/products?q=%00")]
    [InlineData("/api/v1/warehouses?q=w%00")]
    public async Task A_search_carrying_it_is_refused_naming_q(string path)
    {
        var tenant = await fixture.NewTenantAsync("text-search");
        await (await tenant.Client.GetAsync(path)).AssertValidationAsync("q");
    }

    [Fact]
    public async Task An_import_row_carrying_it_fails_alone_and_the_others_apply()
    {
        var tenant = await fixture.NewTenantAsync("text-import");
        var csv = "customerRef,name,status\r\nok1,Fine,active\r\nnul1,\"a\u0000b\",active\r\nok2,Also fine,active\r\n";
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        var accepted = await (await tenant.Client.PostAsync("/api/v1/imports?kind=customers", content)).ReadAsync<ImportView>(HttpStatusCode.Accepted);

        ImportView? finished = null;
        await Eventually.TrueAsync(async () =>
        {
            finished = await tenant.Client.GetOkAsync<ImportView>($"/api/v1/imports/{accepted.ImportId}");
            return finished.Status != "running";
        }, TimeSpan.FromSeconds(30), "the import finished");

        Assert.Equal(("completed_with_errors", 3L, 2L, 1L), (finished!.Status, finished.RowsTotal, finished.RowsApplied, finished.RowsFailed));
        Assert.Equal([(3, "name")], finished.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.GetAsync("/api/v1/customers/ok2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.GetAsync("/api/v1/customers/nul1")).StatusCode);
    }
}
