using System.Diagnostics;
using Quartermaster.ApiFrontend.Admin;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.Http;
using Microsoft.Extensions.Options;
using Quartermaster.Contracts.Json;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Operations;
using Quartermaster.ApiFrontend.Operator;
using Quartermaster.ServiceDefaults.Health;
using Quartermaster.ServiceDefaults.Telemetry;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.RateLimiting;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.Grains.Telemetry;
using Quartermaster.ServiceDefaults.Hosting;

namespace Quartermaster.ApiFrontend.Hosting;

public static class ApiServices
{
    public static WebApplicationBuilder AddQuartermasterApi(this WebApplicationBuilder builder)
    {
        builder.AddQuartermasterTelemetry("quartermaster-frontend", QuartermasterMetrics.MeterName, QuartermasterTracing.SourceName);
        // Kestrel refuses a header byte above 0x7F with a bare 400 before any of ours runs; read as Latin-1, such a value
        // reaches the checks that answer with a problem (an unknown key is 401, a non-ASCII Idempotency-Key 400).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1);
        var services = builder.Services;
        services.AddOptions<QuartermasterOptions>().BindConfiguration(QuartermasterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<QuartermasterOptions>, QuartermasterOptionsSetup>();
        services.AddSingleton<IValidateOptions<QuartermasterOptions>, QuartermasterOptionsValidation>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TenantSettingsCache>();
        services.AddSingleton<InvariantChecker>();
        services.AddSingleton<StockTargets>();
        services.AddTenantRateLimiting(StorageConnections.From(builder.Configuration));
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(context.ProblemDetails.Status));
            // The framework's own problems (unknown route, method, media type) name the HTTP RFC; ours name the code.
            if (context.ProblemDetails.Type is null || context.ProblemDetails.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                context.ProblemDetails.Type = ApiProblems.TypeBase + context.ProblemDetails.Extensions["code"];
            }

            context.ProblemDetails.Detail ??= ProblemCodes.DefaultDetail(context.ProblemDetails.Status);
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (context.ProblemDetails.Status == StatusCodes.Status405MethodNotAllowed)
            {
                HeadAsGet.AddToAllow(context.HttpContext.Response);
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddApiKeySecurity();
        services.AddOperatorPages(StorageConnections.From(builder.Configuration));
        services.AddQuartermasterHealth(StorageConnections.From(builder.Configuration))
            .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
        services.AddQuartermasterOpenApi();
        return builder;
    }
}
