using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>One trace from the HTTP request through the grain call to the storage write, collected in process.</summary>
[Collection(ApiCollection.Name)]
public sealed class TracingTests(ApiFixture fixture)
{
    [Fact]
    public async Task Without_a_tracer_the_request_still_has_a_trace_id_in_the_header_and_the_problem()
    {
        var tenant = await fixture.NewTenantAsync("untraced");

        var response = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h", quantity = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var header = Assert.Single(response.Headers.GetValues("X-Trace-Id"));
        Assert.Matches("^[0-9a-f]{32}$", header);
        Assert.NotEqual(new string('0', 32), header);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(header, problem.RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task One_trace_id_spans_the_request_the_grain_call_and_the_storage_write_and_is_returned()
    {
        var tenant = await fixture.NewTenantAsync("trace");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", QuartermasterTracing.SourceName)
            .AddInMemoryExporter(spans)
            .Build();

        var response = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "traced", quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var traceId = Assert.Single(response.Headers.GetValues("X-Trace-Id"));
        tracing.ForceFlush();

        var trace = spans.Where(s => s.TraceId.ToHexString() == traceId).ToList();
        var described = string.Join("\n", trace.Select(s => $"{s.Source.Name}: {s.DisplayName}"));
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
            && s.DisplayName.Contains("PlaceHold", StringComparison.Ordinal));
        Assert.True(trace.Any(s => s.Source.Name == QuartermasterTracing.SourceName && s.DisplayName == "stock.write_batch"),
            "no storage span in the trace:\n" + described);
    }
}
