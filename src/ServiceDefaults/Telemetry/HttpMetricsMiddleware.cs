using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Quartermaster.ServiceDefaults.Telemetry;

/// <summary>
/// http_requests_total and http_request_duration_seconds by method, route template and status: the
/// template, not the path, so ids never become labels.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next)
{
    public const string MeterName = "Quartermaster.Http";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("http.requests", description: "HTTP requests answered.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("http.request.duration", unit: "s",
        description: "Time to answer an HTTP request.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var tags = new TagList
            {
                { "method", context.Request.Method },
                { "route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched" },
                { "status", status },
            };
            Requests.Add(1, tags);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
