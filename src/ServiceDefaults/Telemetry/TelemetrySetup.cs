using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.ServiceDefaults.Telemetry;

/// <summary>
/// Metrics (Prometheus on /metrics), traces (HTTP -> Orleans grain calls -> Npgsql, built and exported over OTLP
/// only when OTEL_EXPORTER_OTLP_ENDPOINT is set) and logs (JSON with trace ids outside Development).
/// </summary>
public static class TelemetrySetup
{
    private static readonly string[] FrameworkTraceSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql"];

    /// <summary>The application's own meter and activity source are passed in, so this project depends on no project of ours.</summary>
    public static WebApplicationBuilder AddQuartermasterTelemetry(
        this WebApplicationBuilder builder, string serviceName, string applicationMeter, string applicationTraceSource)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(applicationMeter, HttpMetricsMiddleware.MeterName, CircuitBreakers.MeterName, "Microsoft.Orleans")
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Spans are built only when they are exported: without a listener no grain call or database command
            // makes one (a profile of order placement showed building and dropping them among the silo's costs).
            // The request's own activity exists regardless, for X-Trace-Id, problem bodies and log scopes.
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperational(context.Request.Path))
                    .AddSource([.. FrameworkTraceSources, applicationTraceSource])
                    .AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        builder.Services.AddCircuitBreakers();
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        return builder;
    }

    /// <summary>First in the pipeline, so every request is measured and carries its trace id back.</summary>
    public static WebApplication UseQuartermasterTelemetry(this WebApplication app)
    {
        app.UseMiddleware<HttpMetricsMiddleware>();
        app.UseMiddleware<TraceIdHeaderMiddleware>();
        return app;
    }

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        // Created now, not at first use, so its gauges are exported from the first scrape on.
        app.Services.GetRequiredService<CircuitBreakers>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool IsOperational(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/livez") || path.StartsWithSegments("/readyz");
}
