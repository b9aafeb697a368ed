using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>The served document says what API.md's "OpenAPI" section asks for, as a generator needs it.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFixture fixture)
{
    private static readonly string[] OperationsPaths = ["/livez", "/readyz", "/health", "/metrics"];

    [Fact]
    public async Task NothingOfTheDashboardLeaksIntoTheDocument()
    {
        var paths = (await DocumentAsync()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.OrdinalIgnoreCase));
        Assert.All(OperationsPaths, p => Assert.Contains(p, paths));
    }

    [Fact]
    public async Task EveryApiOperationHasASummaryTheKeyAndItsProtocolProblems()
    {
        foreach (var (method, path, operation) in Operations(await DocumentAsync()).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), where);
            Assert.Equal("ApiKey", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "401", "429", "503" })
            {
                var response = responses.GetProperty(status);
                Assert.Equal("#/components/schemas/Problem",
                    response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                if (status != "401")
                {
                    Assert.True(response.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{where} {status} has no Retry-After");
                }
            }

            var parameters = operation.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => p.TryGetProperty("$ref", out var r) ? r.GetString() : p.GetProperty("name").GetString()).ToList()
                : [];
            if (method == "post")
            {
                Assert.Contains("#/components/parameters/Idempotency-Key", parameters);
                Assert.True(responses.TryGetProperty("409", out _), $"{where} has no 409 for an Idempotency-Key still in progress");
                var success = responses.EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
                Assert.True(success.GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _), $"{where} {success} has no Idempotent-Replayed");
            }

            if (method is "put" or "patch")
            {
                Assert.Contains("#/components/parameters/If-Match", parameters);
            }

            if (method != "get")
            {
                Assert.True(responses.TryGetProperty("409", out _), $"{where} has no 409 for a write that lost to a newer one");
            }

            if (responses.TryGetProperty("201", out var created))
            {
                Assert.True(created.GetProperty("headers").TryGetProperty("Location", out _), $"{where} 201 has no Location");
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/orders/{orderId}", "get")]
    [InlineData("/api/v1/products/{sku}", "get")]
    [InlineData("/api/v1/stock/{sku}/{warehouseId}", "get")]
    [InlineData("/api/v1/settings", "get")]
    [InlineData("/api/v1/admin/tenants/{tenantId}", "get")]
    [InlineData("/api/v1/webhook-endpoints/{endpointId}", "get")]
    [InlineData("/api/v1/webhook-endpoints/{endpointId}", "patch")]
    [InlineData("/api/v1/stock/{sku}/{warehouseId}/holds/{holdId}", "get")]
    [InlineData("/api/v1/admin/tenants/{tenantId}/api-keys/{keyId}", "get")]
    public async Task SingleResourceReadsDeclareTheirETag(string path, string method)
    {
        var ok = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200");
        Assert.True(ok.GetProperty("headers").TryGetProperty("ETag", out _));
    }

    /// <summary>The declared ETag pattern once allowed only digits, while a stock item with its own threshold sends "5.40".</summary>
    [Fact]
    public async Task TheDeclaredETagPatternMatchesTheETagsTheServiceSends()
    {
        var pattern = (await DocumentAsync()).GetProperty("components").GetProperty("headers").GetProperty("ETag")
            .GetProperty("schema").GetProperty("pattern").GetString()!;
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("etag"), settings: null);
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        Assert.Equal(HttpStatusCode.OK,
            (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 40 })).StatusCode);

        await tenant.SeedAsync(["p2"], ["w1"], onHand: 5);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 30 })).StatusCode);

        var sent = new List<string>();
        foreach (var path in new[] { "/api/v1/stock/p1/w1", "/api/v1/stock/p2/w1", "/api/v1/stock/p1", "/api/v1/products/p1", "/api/v1/settings" })
        {
            var response = await tenant.Client.GetAsync(path);
            sent.Add(response.Headers.ETag!.ToString());
        }

        Assert.Equal(["\"1.40\"", "\"1~30\""], sent[..2]);
        Assert.All(sent, tag => Assert.Matches(pattern, tag));
    }

    [Fact]
    public async Task OperationsEndpointsNeedNoKey()
    {
        var document = await DocumentAsync();
        foreach (var (_, _, operation) in Operations(document).Where(o => OperationsPaths.Contains(o.Path)))
        {
            Assert.All(operation.GetProperty("security").EnumerateArray(), requirement => Assert.Empty(requirement.EnumerateObject()));
        }

        Assert.False(document.TryGetProperty("security", out _), "a document-wide key requirement would cover the probes too");
    }

    [Fact]
    public async Task QueryParametersAreTypedAsTheContractSays()
    {
        var parameters = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/orders").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        Assert.Equal("integer", parameters["limit"].GetProperty("type").GetString());
        Assert.Equal(1, parameters["limit"].GetProperty("minimum").GetInt32());
        Assert.Equal(500, parameters["limit"].GetProperty("maximum").GetInt32());
        Assert.Equal(["reserved", "confirmed", "shipped", "cancelled", "expired"],
            parameters["status"].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("date-time", parameters["createdFrom"].GetProperty("format").GetString());
        Assert.Equal(@"^(?!\.\.?$)[A-Za-z0-9._-]{1,64}$", parameters["customerRef"].GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task WebhookDeliveriesAreTypedAsTheContractSays()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var status = paths.GetProperty("/api/v1/webhook-endpoints/{endpointId}/deliveries").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status").GetProperty("schema");
        Assert.Equal(["pending", "succeeded", "failed"], status.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var retry = paths.GetProperty("/api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry").GetProperty("post").GetProperty("parameters")
            .EnumerateArray().Where(p => p.TryGetProperty("name", out _)).ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        Assert.Equal(@"^(?!\.\.?$)[A-Za-z0-9._-]{1,64}$", retry["endpointId"].GetProperty("pattern").GetString());
        Assert.Equal("^[0-9a-f]{32}$", retry["deliveryId"].GetProperty("pattern").GetString());

        var delivery = document.GetProperty("components").GetProperty("schemas").GetProperty("WebhookDeliveryDto").GetProperty("properties");
        Assert.Equal("#/components/schemas/DeliveryStatus", delivery.GetProperty("status").GetProperty("$ref").GetString());
        Assert.Equal("date-time", delivery.GetProperty("nextAttemptAt").GetProperty("format").GetString());
    }

    [Fact]
    public async Task TheProblemCodeIsAnEnumOfEveryCodeTheServiceAnswers()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var problem = schemas.GetProperty("Problem").GetProperty("properties");
        var codes = problem.GetProperty("code").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var answered = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (string?)f.GetRawConstantValue()).ToHashSet();
        Assert.Equal(answered, codes);
        Assert.True(problem.TryGetProperty("errors", out _));
        Assert.True(problem.TryGetProperty("available", out _));
        Assert.False(schemas.TryGetProperty("ProblemDetails", out _));
        Assert.False(schemas.TryGetProperty("HttpValidationProblemDetails", out _));
    }

    [Fact]
    public async Task EverySchemaHasATypeAndTimestampsAreDateTimeStrings()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        foreach (var schema in schemas.EnumerateObject())
        {
            foreach (var (where, node) in Walk(schema.Name, schema.Value))
            {
                Assert.True(node.TryGetProperty("type", out _) || node.TryGetProperty("$ref", out _), $"{where} has no type");
                if (node.TryGetProperty("format", out var format) && format.GetString() == "date-time")
                {
                    Assert.Contains("string", node.GetProperty("type").ToString(), StringComparison.Ordinal);
                }
            }
        }

        var placeOrder = schemas.GetProperty("PlaceOrderRequest").GetProperty("properties");
        Assert.Equal(100, placeOrder.GetProperty("lines").GetProperty("maxItems").GetInt32());
        Assert.Equal(64, placeOrder.GetProperty("orderId").GetProperty("maxLength").GetInt32());
        var quantity = schemas.GetProperty("OrderLineDto").GetProperty("properties").GetProperty("quantity");
        Assert.Equal(1, quantity.GetProperty("minimum").GetInt64());
        Assert.Equal(1_000_000_000, quantity.GetProperty("maximum").GetInt64());
    }

    /// <summary>
    /// Responses as well as requests: every field named like a client-chosen id carries the id rule and every whole
    /// number a range, but for the two the contract leaves open (a ledger entry's movement id, which names an
    /// order's line for its holds, and its quantity, negative for an adjustment that lowered the count).
    /// </summary>
    [Fact]
    public async Task IdsCarryTheirRuleAndWholeNumbersTheirRangeInResponsesToo()
    {
        string[] idNames = ["tenantId", "sku", "warehouseId", "orderId", "holdId", "movementId", "customerRef"];
        string[] open = ["LedgerEntryDto.movementId", "LedgerEntryDto.quantity"];
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var checkedIds = 0;
        foreach (var schema in schemas.EnumerateObject())
        {
            foreach (var (where, node) in Walk(schema.Name, schema.Value).Where(n => !open.Contains(n.Where)))
            {
                var type = node.TryGetProperty("type", out var declared) ? declared.ToString() : "";
                var name = where[(where.LastIndexOf('.') + 1)..];
                if (idNames.Contains(name) && type.Contains("string", StringComparison.Ordinal))
                {
                    Assert.True(node.TryGetProperty("pattern", out _), $"{where} has no id pattern");
                    checkedIds++;
                }

                if (type.Contains("integer", StringComparison.Ordinal))
                {
                    Assert.True(node.TryGetProperty("minimum", out _) || node.TryGetProperty("maximum", out _), $"{where} has no range");
                }
            }
        }

        Assert.True(checkedIds > 20, $"only {checkedIds} id fields found: the walk missed the schemas");
        Assert.Equal(["healthy", "degraded", "unhealthy"],
            schemas.GetProperty("HealthResponse").GetProperty("properties").GetProperty("status").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    /// <summary>API.md lists GET /health's checks by name; a generated client gets a field for each (the map stays open).</summary>
    [Fact]
    public async Task TheHealthChecksTheContractNamesAreDeclaredByName()
    {
        var checks = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("HealthResponse")
            .GetProperty("properties").GetProperty("checks");
        var named = checks.GetProperty("properties");
        foreach (var name in new[] { "database", "redis", "cluster", "reminders" })
        {
            Assert.Equal("#/components/schemas/HealthCheckEntry", named.GetProperty(name).GetProperty("$ref").GetString());
        }

        Assert.Equal("#/components/schemas/HealthCheckEntry", checks.GetProperty("additionalProperties").GetProperty("$ref").GetString());
    }

    /// <summary>
    /// An id the service mints (keyId, endpointId, importId, eventId, deliveryId) is read from a response and sent back
    /// in a path, so the response field carries the rule its path parameter declares: the fields were plain strings.
    /// </summary>
    [Fact]
    public async Task AnIdInAResponseCarriesTheRuleOfThePathParameterItIsSentBackIn()
    {
        var document = await DocumentAsync();
        var rules = Operations(document)
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(p => p.TryGetProperty("in", out var where) && where.GetString() == "path")
            .GroupBy(p => p.GetProperty("name").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(p => p.GetProperty("schema").GetProperty("pattern").GetString()).Distinct().Single());
        var compared = new List<string>();
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            foreach (var (where, node) in Walk(schema.Name, schema.Value))
            {
                var name = where[(where.LastIndexOf('.') + 1)..];
                if (rules.TryGetValue(name, out var pattern))
                {
                    Assert.True(node.TryGetProperty("pattern", out var declared), $"{where} has no pattern");
                    Assert.Equal(pattern, declared.GetString());
                    compared.Add(where);
                }
            }
        }

        Assert.Contains("ApiKeyDto.keyId", compared);
        Assert.Contains("CreatedWebhookEndpointDto.endpointId", compared);
        Assert.Contains("ImportDto.importId", compared);
        Assert.Contains("EventDto.eventId", compared);
        Assert.Contains("WebhookDeliveryDto.deliveryId", compared);
    }

    /// <summary>
    /// A tenant key on an admin route is refused, but counts against its tenant's limit like every request that presents
    /// one, so the 403 (and the 429 once the tenant is over its limit) carries the RateLimit-* headers: the admin
    /// operations declared them nowhere.
    /// </summary>
    [Fact]
    public async Task AnAdminOperationDeclaresTheRateLimitHeadersItsAnswerToATenantKeyCarries()
    {
        var tenant = await fixture.NewTenantAsync("admin403");
        var refused = await tenant.Client.GetAsync($"/api/v1/admin/tenants/{tenant.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        string[] rateLimit = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];
        Assert.All(rateLimit, header => Assert.True(refused.Headers.Contains(header), $"the 403 has no {header}"));

        foreach (var (method, path, operation) in Operations(await DocumentAsync()).Where(o => o.Path.StartsWith("/api/v1/admin/", StringComparison.Ordinal)))
        {
            foreach (var status in new[] { "403", "429" })
            {
                var headers = operation.GetProperty("responses").GetProperty(status).TryGetProperty("headers", out var declared)
                    ? declared.EnumerateObject().Select(h => h.Name).ToList()
                    : [];
                Assert.All(rateLimit, header => Assert.True(headers.Contains(header), $"{method} {path} {status} does not declare {header}"));
            }
        }
    }

    /// <summary>
    /// Every text field refuses the empty string (a blank one is 400 naming it), so none may declare it valid: a webhook
    /// endpoint's description declared minLength 0, and a client that checked the document sent "" and got a 400.
    /// </summary>
    [Fact]
    public async Task NoTextFieldDeclaresTheEmptyStringThatTheServiceRefuses()
    {
        var tenant = await fixture.NewTenantAsync("emptytext");
        var created = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhook-endpoints",
            new { url = "https://203.0.113.10/qm", eventTypes = new[] { "*" }, description = "" });
        await created.AssertValidationAsync("description");

        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var declaredEmpty = schemas.EnumerateObject().SelectMany(schema => Walk(schema.Name, schema.Value))
            .Where(n => n.Schema.TryGetProperty("minLength", out var minLength) && minLength.GetInt32() < 1)
            .Select(n => n.Where);
        Assert.Empty(declaredEmpty);
        Assert.Equal(1, schemas.GetProperty("PatchWebhookEndpointRequest").GetProperty("properties").GetProperty("description").GetProperty("minLength").GetInt32());
    }

    /// <summary>
    /// A customer's phone, email and attributes are checked by rules the schema did not state (a description at most),
    /// so a client validating against the document sent values that were a 400. Each value below is accepted by the
    /// service exactly when the document's pattern or limits allow it.
    /// </summary>
    [Fact]
    public async Task TheCustomerFieldRulesTheServiceAppliesAreInItsSchema()
    {
        var request = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("PutCustomerRequest").GetProperty("properties");
        var phone = new Regex(request.GetProperty("phone").GetProperty("pattern").GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
        var email = new Regex(request.GetProperty("email").GetProperty("pattern").GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
        var attributes = request.GetProperty("attributes");
        var maxEntries = attributes.GetProperty("maxProperties").GetInt32();
        var keys = attributes.GetProperty("propertyNames");
        var maxKey = keys.GetProperty("maxLength").GetInt32();
        var maxValue = attributes.GetProperty("additionalProperties").GetProperty("maxLength").GetInt32();
        Assert.Equal((1, 50, 64, 500), (keys.GetProperty("minLength").GetInt32(), maxEntries, maxKey, maxValue));

        var tenant = await fixture.NewTenantAsync("custrules");
        var disagreements = new List<string>();
        async Task CompareAsync(string what, object body, bool declaredValid)
        {
            var response = await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/customers/{TestTenant.NewId("c")}", body);
            if (response.IsSuccessStatusCode != declaredValid)
            {
                disagreements.Add($"{what}: the document says {(declaredValid ? "valid" : "invalid")}, the service answered {(int)response.StatusCode}");
            }
        }

        foreach (var value in new[] { "+44 20 7946 0000", "(555) 010-0100", "555.0100", "   ", "555 0100 ext 7", "555#1", "+1\t555" })
        {
            await CompareAsync($"phone '{value}'", new { name = "N", status = "active", phone = value }, phone.IsMatch(value));
        }

        foreach (var value in new[] { "ada@example.com", "a@b", "ADA+tag@Example.COM", "ada", "@example.com", "ada@", "a@b@c", "ada lovelace@example.com", "ada@exa\u0001mple.com" })
        {
            await CompareAsync($"email '{value}'", new { name = "N", status = "active", email = value }, email.IsMatch(value));
        }

        foreach (var (entries, keyLength, valueLength) in new[] { (maxEntries, maxKey, maxValue), (maxEntries + 1, 2, 1), (1, maxKey + 1, 1), (1, 2, maxValue + 1) })
        {
            var map = Enumerable.Range(0, entries).ToDictionary(i => i.ToString("D2", CultureInfo.InvariantCulture).PadLeft(keyLength, 'k'), _ => new string('v', valueLength));
            await CompareAsync($"{entries} attributes, keys of {keyLength}, values of {valueLength}", new { name = "N", status = "active", attributes = map },
                entries <= maxEntries && keyLength <= maxKey && valueLength <= maxValue);
        }

        Assert.Empty(disagreements);
    }

    /// <summary>
    /// A webhook endpoint's eventTypes and the events' `types` take event types, families and *, and refuse anything
    /// else with a 400; the document declared their items as any string. Each form the service accepts matches the
    /// declared pattern, and each typo below is refused by both.
    /// </summary>
    [Fact]
    public async Task EventTypeListsDeclareTheShapeTheServiceAccepts()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var itemPatterns = new[] { "CreateWebhookEndpointRequest", "PatchWebhookEndpointRequest" }
            .Select(name => schemas.GetProperty(name).GetProperty("properties").GetProperty("eventTypes").GetProperty("items").GetProperty("pattern").GetString()!)
            .Distinct().ToList();
        var item = new Regex(Assert.Single(itemPatterns), RegexOptions.None, TimeSpan.FromSeconds(1));
        var listPatterns = new[] { "/api/v1/events", "/api/v1/events/stream" }
            .Select(path => document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Single(p => p.TryGetProperty("name", out var name) && name.GetString() == "types").GetProperty("schema").GetProperty("pattern").GetString()!)
            .Distinct().ToList();
        var list = new Regex(Assert.Single(listPatterns), RegexOptions.None, TimeSpan.FromSeconds(1));

        var tenant = await fixture.NewTenantAsync("typeshape");
        var disagreements = new List<string>();
        var families = EventTypes.Known.Select(type => type[..type.IndexOf('.', StringComparison.Ordinal)] + ".*").Distinct();
        foreach (var (value, valid) in EventTypes.Known.Concat(families).Append("*").Select(v => (v, true))
                     .Concat(new[] { "Order.*", "order", "order.", ".*", "order.*.*", " order.*", "stock.low ", "" }.Select(v => (v, false))))
        {
            var created = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhook-endpoints",
                new { url = "https://203.0.113.10/qm", eventTypes = new[] { value } });
            if (created.IsSuccessStatusCode != valid || item.IsMatch(value) != valid)
            {
                disagreements.Add($"eventTypes ['{value}']: the service answered {(int)created.StatusCode}, the pattern {(item.IsMatch(value) ? "allows" : "refuses")} it");
            }
        }

        foreach (var (value, valid) in new[] { ("order.*, stock.low", true), ("*", true), ("hold.expired,transfer.*", true), ("order.*,,stock.low", false), ("order.*,", false), ("Stock.low", false) })
        {
            var listed = await tenant.Client.GetAsync($"/api/v1/events?types={Uri.EscapeDataString(value)}");
            if (listed.IsSuccessStatusCode != valid || list.IsMatch(value) != valid)
            {
                disagreements.Add($"types={value}: the service answered {(int)listed.StatusCode}, the pattern {(list.IsMatch(value) ? "allows" : "refuses")} it");
            }
        }

        Assert.Empty(disagreements);
    }

    /// <summary>
    /// A text field refuses a value of only white space as it refuses an empty one, but minLength 1 let "  " through a
    /// client's checks against the document. Every text with a minimum length now carries a pattern, and for each
    /// field below the declared rule and the service agree on a blank value and on a real one.
    /// </summary>
    [Fact]
    public async Task NoTextFieldDeclaresABlankValueThatTheServiceRefuses()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var withoutPattern = schemas.EnumerateObject().SelectMany(schema => Walk(schema.Name, schema.Value))
            .Where(n => n.Schema.TryGetProperty("minLength", out _) && !n.Schema.TryGetProperty("pattern", out _))
            .Select(n => n.Where);
        Assert.Empty(withoutPattern);

        var tenant = await fixture.NewTenantAsync("blanktext");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/warehouses/w1", new { name = "Main" })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Bolt" })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var cases = new (string Schema, string Field, HttpMethod Method, Func<string> Path, Func<string, object> Body)[]
        {
            ("PutWarehouseRequest", "name", HttpMethod.Put, () => $"/api/v1/warehouses/{TestTenant.NewId("w")}", v => new { name = v }),
            ("PutProductRequest", "unit", HttpMethod.Put, () => $"/api/v1/products/{TestTenant.NewId("p")}", v => new { name = "Nut", unit = v }),
            ("ReceiptRequest", "reason", HttpMethod.Post, () => "/api/v1/stock/p1/w1/receipts", v => new { movementId = TestTenant.NewId("m"), quantity = 1, reason = v }),
            ("PutCustomerRequest", "name", HttpMethod.Put, () => $"/api/v1/customers/{TestTenant.NewId("c")}", v => new { name = v, status = "active" }),
            ("CreateWebhookEndpointRequest", "description", HttpMethod.Post, () => "/api/v1/webhook-endpoints",
                v => new { url = "https://203.0.113.10/qm", eventTypes = new[] { "*" }, description = v }),
        };
        var disagreements = new List<string>();
        foreach (var (schema, field, method, path, body) in cases)
        {
            var pattern = new Regex(schemas.GetProperty(schema).GetProperty("properties").GetProperty(field).GetProperty("pattern").GetString()!,
                RegexOptions.None, TimeSpan.FromSeconds(1));
            foreach (var value in new[] { " \t ", "Main hall" })
            {
                var response = await tenant.Client.SendJsonAsync(method, path(), body(value));
                if (response.IsSuccessStatusCode != pattern.IsMatch(value))
                {
                    disagreements.Add($"{schema}.{field} '{value}': the service answered {(int)response.StatusCode}, the pattern {(pattern.IsMatch(value) ? "allows" : "refuses")} it");
                }
            }
        }

        Assert.Empty(disagreements);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = fixture.Anonymous();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name, path.Name, op.Value)));

    private static IEnumerable<(string Where, JsonElement Schema)> Walk(string where, JsonElement schema)
    {
        yield return (where, schema);
        IEnumerable<(string, JsonElement)> children = [];
        if (schema.TryGetProperty("properties", out var properties))
        {
            children = children.Concat(properties.EnumerateObject().Select(p => ($"{where}.{p.Name}", p.Value)));
        }

        foreach (var keyword in new[] { "items", "additionalProperties" })
        {
            if (schema.TryGetProperty(keyword, out var child) && child.ValueKind == JsonValueKind.Object)
            {
                children = children.Append(($"{where}.{keyword}", child));
            }
        }

        foreach (var (name, child) in children)
        {
            foreach (var nested in Walk(name, child))
            {
                yield return nested;
            }
        }
    }
}
