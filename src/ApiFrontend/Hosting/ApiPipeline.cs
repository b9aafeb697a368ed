using Quartermaster.ApiFrontend.Customers;
using Quartermaster.ApiFrontend.Imports;
using Quartermaster.ApiFrontend.Admin;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.Events;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Idempotency;
using Quartermaster.ApiFrontend.Operations;
using Quartermaster.ApiFrontend.Operator;
using Quartermaster.ServiceDefaults.Health;
using Quartermaster.ServiceDefaults.Telemetry;
using Quartermaster.ApiFrontend.Orders;
using Quartermaster.ApiFrontend.RateLimiting;
using Quartermaster.ApiFrontend.Resilience;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.ApiFrontend.Stock;
using Quartermaster.ApiFrontend.Webhooks;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace Quartermaster.ApiFrontend.Hosting;

public static class ApiPipeline
{
    public static WebApplication UseQuartermasterApi(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        app.UseHeadAsGet();
        app.UseQuartermasterTelemetry();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        // Before authorization (which ends unauthenticated requests), idempotency and body binding: every request counts.
        app.UseMiddleware<RequestRateLimitMiddleware>();
        app.UseAuthorization();
        app.UseContentEncodingCheck();
        app.UseMiddleware<IdempotencyMiddleware>();

        var api = app.MapGroup("/api/v1");
        api.MapGroup("/admin").RequireAuthorization(QuartermasterClaims.AdminPolicy)
            .AddEndpointFilter<TransientRetryFilter>()
            .MapAdminApi();
        app.MapTenantGroup("/api/v1")
            .MapSettingsApi().MapWarehousesApi().MapProductsApi()
            .MapStockApi().MapTransfersApi().MapHoldsApi().MapOrdersApi().MapCustomersApi().MapImportsApi().MapEventsApi().MapWebhooksApi();

        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        if (app.Services.GetRequiredService<IOptions<QuartermasterOptions>>().Value.Hosting != HostingMode.External)
        {
            // The dashboard has no authentication of its own: outside development it takes the admin key, as a
            // Bearer header or as the session cookie of the operator sign-in page.
            var dashboard = app.MapOrleansDashboard("/dashboard");
            if (!app.Environment.IsDevelopment())
            {
                dashboard.RequireAuthorization(QuartermasterClaims.AdminPolicy);
            }
        }

        app.MapOperatorPages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>
    /// A route group with everything a tenant route goes through: the tenant's API key and the retry of
    /// transient grain failures (rate limiting, idempotency and telemetry are middleware, so every request has them).
    /// </summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder routes, string prefix) =>
        routes.MapGroup(prefix).RequireAuthorization(QuartermasterClaims.TenantPolicy)
            .AddEndpointFilter<TransientRetryFilter>();
}
