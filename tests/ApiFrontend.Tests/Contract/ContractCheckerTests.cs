using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests.Contract;

/// <summary>The response checker every fixture client runs through does catch what contradicts the document.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContractCheckerTests(ApiFixture fixture)
{
    private const string Stock = """{"sku":"a","warehouseId":"b","onHand":1,"reserved":0,"available":1,"version":1}""";

    [Fact]
    public async Task AResponseThatAgreesPasses()
    {
        var contract = await fixture.ContractAsync();
        Assert.Empty(contract.Check("GET", "/api/v1/stock/a/b", 200, "application/json", ETagged(), Stock));
        Assert.Equal("GET /api/v1/stock/{sku}/{warehouseId}", contract.OperationOf("GET", "/api/v1/stock/a/b"));
        Assert.Equal("POST /api/v1/stock/transfers", contract.OperationOf("POST", "/api/v1/stock/transfers"));
    }

    [Theory]
    [InlineData(418, "application/json", Stock, "status not declared")]
    [InlineData(200, "text/html", Stock, "content type text/html not declared")]
    [InlineData(200, "application/json", """{"sku":"a","warehouseId":"b","onHand":1,"reserved":0,"version":1}""", "available")]
    [InlineData(200, "application/json", """{"sku":"a","warehouseId":"b","onHand":"1","reserved":0,"available":1,"version":1}""", "onHand")]
    [InlineData(404, "application/problem+json", """{"type":"x","title":"t","status":404,"code":"no_such_code"}""", "code")]
    public async Task AResponseThatContradictsTheDocumentIsCaught(int status, string mediaType, string body, string named)
    {
        var violations = (await fixture.ContractAsync()).Check("GET", "/api/v1/stock/a/b", status, mediaType, ETagged(), body);
        Assert.Contains(violations, v => v.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingRequiredHeaderIsCaught()
    {
        var violations = (await fixture.ContractAsync()).Check("GET", "/api/v1/stock/a/b", 200, "application/json", new HttpResponseMessage().Headers, Stock);
        Assert.Contains(violations, v => v.Contains("ETag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFixtureClientFailsTheTestThatReceivesAContradiction()
    {
        using var agreeing = fixture.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await agreeing.GetAsync("/api/v1/settings")).StatusCode);

        var document = (await fixture.ContractAsync()).Document.DeepClone();
        document["paths"]!["/api/v1/settings"]!["get"]!["responses"]!.AsObject().Remove("401");
        var withoutUnauthorized = new OpenApiContract(document);
        using var client = fixture.Factory.CreateDefaultClient(new ContractCheckingHandler(() => Task.FromResult(withoutUnauthorized)));
        var error = await Assert.ThrowsAsync<ContractViolationException>(() => client.GetAsync("/api/v1/settings"));
        Assert.Contains("GET /api/v1/settings -> 401: status not declared", error.Message, StringComparison.Ordinal);
    }

    private static System.Net.Http.Headers.HttpResponseHeaders ETagged()
    {
        var headers = new HttpResponseMessage().Headers;
        headers.TryAddWithoutValidation("ETag", "\"1\"");
        return headers;
    }
}
