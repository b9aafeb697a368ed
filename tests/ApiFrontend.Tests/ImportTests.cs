using System.Net;
using System.Text;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Imports: rows applied one by one with the single-item rules and ids, progress and per-line errors, re-posting applies nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class ImportTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_receipts_csv_applies_every_good_row_once_lists_each_bad_line_and_a_second_post_skips_them_all()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await tenant.SeedAsync(["p1", "p2", "p3"], ["w1"]);
        var csv = new StringBuilder("sku,warehouseId,movementId,quantity,reason\n");
        var expected = new Dictionary<string, long> { ["p1"] = 0, ["p2"] = 0, ["p3"] = 0 };
        for (var i = 0; i < 1_200; i++)
        {
            var sku = $"p{i % 3 + 1}";
            csv.Append($"{sku},w1,rcv-{i},{i % 7 + 1},\"initial load, batch {i / 100}\"\n");
            expected[sku] += i % 7 + 1;
        }

        // Bad rows on lines 1202..1207 (line 1 is the header): each is reported with its line and field.
        csv.Append("nope,w1,rcv-x1,5,\n");          // 1202: an unknown product, found when applied
        csv.Append("p1,w1,rcv-x2,0,\n");            // 1203: quantity out of range
        csv.Append("p1,w1,rcv-x3,lots,\n");         // 1204: quantity not an integer
        csv.Append("p1,w1,,5,\n");                  // 1205: no movementId
        csv.Append("p1,w1,\"rcv-x5,5,\n");          // 1206: an unclosed quote
        csv.Append("\n");                           // 1207: blank, skipped
        csv.Append("p1,w1,rcv-0,9,\n");             // 1208: a movementId reused with another quantity

        var first = await ImportAsync(tenant, "receipts", "text/csv", csv.ToString());
        Assert.Equal(("receipts", "completed_with_errors", 1_206L, 1_200L, 0L, 6L),
            (first.Kind, first.Status, first.RowsTotal, first.RowsApplied, first.RowsSkipped, first.RowsFailed));
        Assert.Equal([(1202, "sku"), (1203, "quantity"), (1204, "quantity"), (1205, "movementId"), (1206, "body"), (1208, "movementId")],
            first.Errors.Select(e => (e.Line, e.Field)));
        Assert.NotNull(first.FinishedAt);
        foreach (var (sku, onHand) in expected)
        {
            Assert.Equal(onHand, (await tenant.StockAsync(sku, "w1")).OnHand);
            Assert.Equal(400, (await tenant.AssertLedgerReplaysAsync(sku, "w1", limit: 500)).Count);
        }

        var second = await ImportAsync(tenant, "receipts", "text/csv", csv.ToString());
        Assert.NotEqual(first.ImportId, second.ImportId);
        Assert.Equal((1_206L, 0L, 1_200L, 6L), (second.RowsTotal, second.RowsApplied, second.RowsSkipped, second.RowsFailed));
        Assert.Equal(expected["p1"], (await tenant.StockAsync("p1", "w1")).OnHand);

        var finished = (await tenant.Client.GetOkAsync<Page<Event>>("/api/v1/events?types=import.finished")).Items;
        Assert.Equal([(first.ImportId, 1_200L), (second.ImportId, 0L)],
            finished.Select(e => (e.Data.GetProperty("importId").GetString()!, e.Data.GetProperty("rowsApplied").GetInt64())));
    }

    [Fact]
    public async Task Ndjson_products_and_csv_customers_follow_their_endpoints_rules()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var products = """
            {"sku":"chair-01","name":"Chair","unit":"pcs"}
            {"sku":"desk-01","name":"Desk"}
            {"sku":"lamp-01","name":"Lamp","unit":7}
            {"sku":"bad sku","name":"Broken"}
            not json
            {"sku":"chair-01","name":"Chair","unit":"pcs"}
            """;
        var imported = await ImportAsync(tenant, "products", "application/x-ndjson", products);
        Assert.Equal((6L, 2L, 1L, 3L), (imported.RowsTotal, imported.RowsApplied, imported.RowsSkipped, imported.RowsFailed));
        Assert.Equal([(3, "unit"), (4, "sku"), (5, "body")], imported.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal("Desk", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/desk-01")).Name);

        var customers = "customerRef,name,email,status,attributes.tier\r\nc1,Ada Lovelace,ada@example.com,active,gold\r\nc2,\"Hopper, Grace\",,blocked,\r\nc3,Nobody,nobody,archived,\r\n";
        var result = await ImportAsync(tenant, "customers", "text/csv; charset=utf-8", customers);
        Assert.Equal((3L, 2L, 1L), (result.RowsTotal, result.RowsApplied, result.RowsFailed));
        Assert.Equal([(4, "status")], result.Errors.Select(e => (e.Line, e.Field)));
        var ada = await tenant.Client.GetOkAsync<CustomerView>("/api/v1/customers/c1");
        Assert.Equal(("Ada Lovelace", "gold"), (ada.Name, ada.Attributes["tier"]));
        var grace = await tenant.Client.GetOkAsync<CustomerView>("/api/v1/customers/c2");
        Assert.Equal(("Hopper, Grace", "blocked", (string?)null), (grace.Name, grace.Status, grace.Email));
    }

    [Fact]
    public async Task A_quoted_csv_field_may_hold_line_breaks_and_its_row_is_known_by_its_first_line()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var csv = "sku,name,unit\r\n"                                            // line 1
            + "label-01,\"Shipping label\r\n4 x 6, \"\"thermal\"\"\",roll\r\n" // lines 2-3: one row
            + "label-02,\"Two\r\n\r\nparagraphs\",box\r\n"                    // lines 4-6: one row, a blank line inside
            + "label-03,\"Stray quote,pcs\r\n"                                  // line 7: never closed, fails alone
            + "label-04,After the stray quote,pcs\r\n";                         // line 8
        var imported = await ImportAsync(tenant, "products", "text/csv", csv);
        Assert.Equal((4L, 3L, 1L), (imported.RowsTotal, imported.RowsApplied, imported.RowsFailed));
        Assert.Equal([(7, "body")], imported.Errors.Select(e => (e.Line, e.Field)));
        var label = await tenant.Client.GetOkAsync<Product>("/api/v1/products/label-01");
        Assert.Equal(("Shipping label\n4 x 6, \"thermal\"", "roll"), (label.Name, label.Unit));
        Assert.Equal("Two\n\nparagraphs", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/label-02")).Name);
        Assert.Equal("After the stray quote", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/label-04")).Name);
    }

    [Fact]
    public async Task The_errors_kept_are_the_first_thousand_by_line_whether_found_reading_or_applying()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await tenant.SeedAsync(["p1"], ["w1"]);
        // Line 1 fails when applied (no such product); lines 2..1002 fail as they are read, which happens first.
        var file = new StringBuilder("{\"sku\":\"nope\",\"warehouseId\":\"w1\",\"movementId\":\"m-1\",\"quantity\":5}\n");
        for (var i = 2; i <= 1_002; i++)
        {
            file.Append($"{{\"sku\":\"p1\",\"warehouseId\":\"w1\",\"movementId\":\"m-{i}\",\"quantity\":0}}\n");
        }

        var imported = await ImportAsync(tenant, "receipts", "application/x-ndjson", file.ToString());
        Assert.Equal((1_002L, 1_002L), (imported.RowsTotal, imported.RowsFailed));
        Assert.Equal(Enumerable.Range(1, 1_000), imported.Errors.Select(e => e.Line));
        Assert.Equal("sku", imported.Errors[0].Field);
    }

    [Fact]
    public async Task The_path_id_columns_are_matched_in_any_letter_case_as_the_body_fields_are()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var csv = "SKU,Name,Unit\nbolt-01,Bolt,pcs\n";
        var imported = await ImportAsync(tenant, "products", "text/csv", csv);
        Assert.Equal(("succeeded", 1L), (imported.Status, imported.RowsApplied));
        var bolt = await tenant.Client.GetOkAsync<Product>("/api/v1/products/bolt-01");
        Assert.Equal(("Bolt", "pcs"), (bolt.Name, bolt.Unit));

        var ndjson = "{\"WarehouseID\":\"w-01\",\"NAME\":\"North\"}\n{\"warehouseId\":\"w-02\",\"WAREHOUSEID\":\"w-03\",\"name\":\"Two ids\"}\n";
        var warehouses = await ImportAsync(tenant, "warehouses", "application/x-ndjson", ndjson);
        Assert.Equal((2L, 1L, 1L), (warehouses.RowsTotal, warehouses.RowsApplied, warehouses.RowsFailed));
        Assert.Equal([(2, "warehouseId")], warehouses.Errors.Select(e => (e.Line, e.Field)).Distinct());
        Assert.Contains(warehouses.Errors, e => e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Equal("North", (await tenant.Client.GetOkAsync<System.Text.Json.JsonElement>("/api/v1/warehouses/w-01")).GetProperty("name").GetString());
        await (await PostAsync(tenant, "/api/v1/imports?kind=products", "text/csv", "sku,name,Name\np1,A,B\n")).AssertValidationAsync("header");

        var customers = await ImportAsync(tenant, "customers", "text/csv", "CustomerRef,Name,Status,attributes.tier,attributes.Tier\nc-01,Ada,active,gold,Gold\n");
        Assert.Equal(("succeeded", 1L), (customers.Status, customers.RowsApplied));
        var ada = await tenant.Client.GetOkAsync<CustomerView>("/api/v1/customers/c-01");
        Assert.Equal(("gold", "Gold"), (ada.Attributes["tier"], ada.Attributes["Tier"]));
    }

    [Fact]
    public async Task The_integer_and_attribute_columns_are_matched_in_any_letter_case_too()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var receipts = await ImportAsync(tenant, "receipts", "text/csv", "SKU,WarehouseId,MovementId,Quantity\np1,w1,rcv-1,7\n");
        Assert.Equal(("succeeded", 1L), (receipts.Status, receipts.RowsApplied));
        var adjustments = await ImportAsync(tenant, "adjustments", "text/csv", "sku,warehouseId,movementId,COUNTEDONHAND,reason\np1,w1,count-1,5,count\n");
        Assert.Equal(("succeeded", 1L), (adjustments.Status, adjustments.RowsApplied));
        Assert.Equal(5L, (await tenant.StockAsync("p1", "w1")).OnHand);

        var customers = await ImportAsync(tenant, "customers", "text/csv", "customerRef,name,status,Attributes.tier,ATTRIBUTES.Region\nc-01,Ada,active,gold,EU\n");
        Assert.Equal(("succeeded", 1L), (customers.Status, customers.RowsApplied));
        var ada = await tenant.Client.GetOkAsync<CustomerView>("/api/v1/customers/c-01");
        Assert.Equal(("gold", "EU"), (ada.Attributes["tier"], ada.Attributes["Region"]));
        await (await PostAsync(tenant, "/api/v1/imports?kind=customers", "text/csv", "customerRef,name,status,attributes.tier,Attributes.tier\nc-02,B,active,a,b\n"))
            .AssertValidationAsync("header");
    }

    [Fact]
    public async Task A_spreadsheets_rows_of_commas_alone_are_blank_lines_but_a_row_of_empty_quoted_fields_is_a_row()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var csv = "sku,warehouseId,movementId,quantity\r\np1,w1,rcv-1,7\r\n,,,\r\n , ,,\r\np1,w1,rcv-2,3\r\n,,,\r\n\"\",\"\",\"\",\"\"\r\n,,,\r\n";
        var receipts = await ImportAsync(tenant, "receipts", "text/csv", csv);

        Assert.Equal((3L, 2L, 1L), (receipts.RowsTotal, receipts.RowsApplied, receipts.RowsFailed));
        Assert.All(receipts.Errors, error => Assert.Equal(7, error.Line));
        Assert.Equal(10L, (await tenant.StockAsync("p1", "w1")).OnHand);
    }

    [Fact]
    public async Task A_line_longer_than_a_mebibyte_fails_alone_without_being_read_and_the_rows_around_it_apply()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var filler = new string('x', 2 << 20);
        var ndjson = $"{{\"sku\":\"p-1\",\"name\":\"One\"}}\n{{\"sku\":\"p-2\",\"name\":\"{filler}\"}}\n{{\"sku\":\"p-3\",\"name\":\"Three\"}}\n";
        var products = await ImportAsync(tenant, "products", "application/x-ndjson", ndjson);
        Assert.Equal((3L, 2L, 1L), (products.RowsTotal, products.RowsApplied, products.RowsFailed));
        var tooLong = Assert.Single(products.Errors);
        Assert.Equal((2, "body"), (tooLong.Line, tooLong.Field));
        Assert.Contains("longer than", tooLong.Message, StringComparison.Ordinal);

        // A quoted field may span lines, but not past the same length: its first line fails and the lines it held are rows again.
        var quoted = string.Join('\n', Enumerable.Range(0, 40).Select(_ => new string('y', 64 << 10)));
        var csv = $"warehouseId,name\nw-1,\"{quoted}\"\nw-2,Two\n";
        var warehouses = await ImportAsync(tenant, "warehouses", "text/csv", csv);
        Assert.Equal((2, "body"), (warehouses.Errors[0].Line, warehouses.Errors[0].Field));
        Assert.Equal("Two", (await tenant.Client.GetOkAsync<System.Text.Json.JsonElement>("/api/v1/warehouses/w-2")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Adjustments_of_one_item_apply_in_file_order()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var rows = string.Concat(Enumerable.Range(1, 40).Select(i => $"{{\"sku\":\"p1\",\"warehouseId\":\"w1\",\"movementId\":\"count-{i}\",\"countedOnHand\":{i * 10},\"reason\":\"count\"}}\n"));
        var result = await ImportAsync(tenant, "adjustments", "application/x-ndjson", rows);
        Assert.Equal(("succeeded", 40L), (result.Status, result.RowsApplied));
        Assert.Equal(400, (await tenant.StockAsync("p1", "w1")).OnHand);
    }

    [Fact]
    public async Task A_bad_kind_media_type_header_or_id_is_refused_before_anything_is_applied()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await (await PostAsync(tenant, "/api/v1/imports", "text/csv", "sku,name\n")).AssertValidationAsync("kind");
        await (await PostAsync(tenant, "/api/v1/imports?kind=orders", "text/csv", "sku,name\n")).AssertValidationAsync("kind");
        var json = await (await PostAsync(tenant, "/api/v1/imports?kind=products", "application/json", "{}"))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Contains("text/csv", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await PostAsync(tenant, "/api/v1/imports?kind=products", "text/csv", "sku,name,sku\np1,A,p2\n")).AssertValidationAsync("header");
        await (await tenant.Client.GetAsync("/api/v1/products/p1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.Client.GetAsync("/api/v1/imports/imp_nothing")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.Client.GetAsync("/api/v1/imports/bad%20id")).AssertValidationAsync("importId");
    }

    [Fact]
    public async Task A_path_id_of_the_wrong_type_is_reported_once_and_not_also_as_missing()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var imported = await ImportAsync(tenant, "products", "application/x-ndjson", "{\"sku\":123,\"name\":\"Number\"}\n");
        Assert.Equal([(1, "sku", "Must be a string.")], imported.Errors.Select(e => (e.Line, e.Field, e.Message)));
    }

    [Fact]
    public async Task A_line_that_is_not_utf8_or_names_a_field_twice_fails_alone()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var latin1 = Encoding.Latin1.GetBytes("sku,name\nok-1,Caf\u00e9\nbad-1,Caf\u00e9\n");
        var utf8 = Encoding.UTF8.GetBytes("sku,name\nok-1,Caf\u00e9\n");
        byte[] csv = [.. utf8, .. latin1.Skip("sku,name\nok-1,Caf\u00e9\n".Length)];
        var imported = await ImportAsync(tenant, "products", "text/csv", csv);
        Assert.Equal((2L, 1L, 1L), (imported.RowsTotal, imported.RowsApplied, imported.RowsFailed));
        Assert.Equal([(3, "body")], imported.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal("Caf\u00e9", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/ok-1")).Name);
        await (await tenant.Client.GetAsync("/api/v1/products/bad-1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var ndjson = "{\"sku\":\"dup-1\",\"name\":\"A\",\"name\":\"B\"}\r{\"sku\":\"ok-2\",\"name\":\"C\"}\r";
        var lines = await ImportAsync(tenant, "products", "application/x-ndjson", Encoding.UTF8.GetBytes(ndjson));
        Assert.Equal((2L, 1L, 1L), (lines.RowsTotal, lines.RowsApplied, lines.RowsFailed));
        Assert.Equal([(1, "body")], lines.Errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public async Task A_file_in_another_encoding_or_with_no_header_row_is_refused_whole()
    {
        var tenant = await fixture.NewTenantAsync("import");
        await (await PostAsync(tenant, "/api/v1/imports?kind=products", "text/csv; charset=iso-8859-1", "sku,name\np1,A\n"))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var utf16 = new ByteArrayContent([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("sku,name\np1,A\n")]);
        utf16.Headers.ContentType = new("text/csv");
        await (await tenant.Client.PostAsync("/api/v1/imports?kind=products", utf16)).AssertValidationAsync("body");
        await (await PostAsync(tenant, "/api/v1/imports?kind=products", "text/csv", "")).AssertValidationAsync("body");
        await (await tenant.Client.GetAsync("/api/v1/products/p1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_answers_the_same_import()
    {
        var tenant = await fixture.NewTenantAsync("import");
        var request = () => HttpCalls.Request(HttpMethod.Post, "/api/v1/imports?kind=warehouses", idempotencyKey: "load-1");
        var first = request();
        first.Content = new StringContent("warehouseId,name\nw1,Main\n", Encoding.UTF8, "text/csv");
        var second = request();
        second.Content = new StringContent("warehouseId,name\nw1,Main\n", Encoding.UTF8, "text/csv");
        var a = await (await tenant.Client.SendAsync(first)).ReadAsync<ImportView>(HttpStatusCode.Accepted);
        var b = await (await tenant.Client.SendAsync(second)).ReadAsync<ImportView>(HttpStatusCode.Accepted);
        Assert.Equal(a.ImportId, b.ImportId);
    }

    private static Task<HttpResponseMessage> PostAsync(TestTenant tenant, string path, string mediaType, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
        return tenant.Client.SendAsync(request);
    }

    private static Task<ImportView> ImportAsync(TestTenant tenant, string kind, string mediaType, string body) =>
        ImportAsync(tenant, kind, mediaType, Encoding.UTF8.GetBytes(body));

    /// <summary>Posts the file, checks the 202, then waits for the import to finish and returns it.</summary>
    private static async Task<ImportView> ImportAsync(TestTenant tenant, string kind, string mediaType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
        var response = await tenant.Client.PostAsync($"/api/v1/imports?kind={kind}", content);
        var accepted = await response.ReadAsync<ImportView>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/imports/{accepted.ImportId}", response.Headers.Location?.OriginalString);
        Assert.Equal((kind, "running"), (accepted.Kind, accepted.Status));

        ImportView? finished = null;
        var etags = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            var read = await tenant.Client.GetAsync($"/api/v1/imports/{accepted.ImportId}");
            etags.Add(read.Headers.ETag!.Tag);
            finished = await read.ReadOkAsync<ImportView>();
            return finished.Status != "running";
        }, TimeSpan.FromSeconds(60), $"import {accepted.ImportId} finished");
        // A read that saw a change saw a new ETag: reading again after the finish changes nothing.
        var again = await tenant.Client.GetAsync($"/api/v1/imports/{accepted.ImportId}");
        Assert.Equal(etags[^1], again.Headers.ETag!.Tag);
        Assert.True(etags.Count == 1 || etags[0] != etags[^1], "a finished import shows the ETag it was read at while it ran");
        return finished!;
    }
}
