using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Idempotency;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.ApiFrontend.Webhooks;

public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var endpoints = api.MapGroup("/webhook-endpoints").WithTags("Webhooks");
        endpoints.MapPost("/", CreateEndpoint).WithName("CreateWebhookEndpoint").WithProblems(400, 409)
            .WithMetadata(new SecretInResponse("endpointId"));
        endpoints.MapGet("/", ListEndpoints).WithName("ListWebhookEndpoints").WithProblems(400);
        endpoints.MapGet("/{endpointId}", GetEndpoint).WithName("GetWebhookEndpoint").WithETag().WithProblems(400, 404);
        endpoints.MapPatch("/{endpointId}", PatchEndpoint).WithName("PatchWebhookEndpoint").WithETag().WithProblems(400, 404, 412);
        endpoints.MapDelete("/{endpointId}", DeleteEndpoint).WithName("DeleteWebhookEndpoint").WithIfMatch().WithProblems(400, 404, 412);
        endpoints.MapPost("/{endpointId}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret").WithProblems(400, 404, 409)
            .WithMetadata(new SecretInResponse("endpointId"));
        endpoints.MapGet("/{endpointId}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries").WithProblems(400, 404);
        endpoints.MapPost("/{endpointId}/deliveries/{deliveryId}/retry", RetryDelivery).WithName("RetryWebhookDelivery").WithProblems(400, 404);
        endpoints.MapPost("/{endpointId}/retry-failed", RetryFailed).WithName("RetryFailedWebhookDeliveries").WithProblems(400, 404);
        return api;
    }

    private static async Task<Results<Created<CreatedWebhookEndpointDto>, ProblemHttpResult>> CreateEndpoint(
        CreateWebhookEndpointRequest body, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        body.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await Endpoints(grains, tenant).Create(body.ToNew());
        return outcome.Value is { } created
            ? TypedResults.Created($"/api/v1/webhook-endpoints/{created.Endpoint.EndpointId}", CreatedWebhookEndpointDto.From(created))
            : outcome.Failure!.ToProblem();
    }

    private static async Task<Results<Ok<ListResponse<WebhookEndpointDto>>, ProblemHttpResult>> ListEndpoints(
        string? limit, string? cursor, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var list = ListParameters.Read(limit, cursor, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = WebhookEndpointPages.Cut(await Endpoints(grains, tenant).List(), list, errors);
        return page is null ? errors.ToProblem() : TypedResults.Ok(page);
    }

    private static Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> GetEndpoint(
        string endpointId, TenantContext tenant, IGrainFactory grains, HttpResponse response) =>
        response.ReadByIdAsync("endpointId", endpointId, "Webhook endpoint", () => Endpoints(grains, tenant).Get(endpointId), e => e.Version, WebhookEndpointDto.From);

    private static async Task<Results<Ok<WebhookEndpointDto>, ProblemHttpResult>> PatchEndpoint(
        string endpointId, PatchWebhookEndpointRequest body, TenantContext tenant, IGrainFactory grains, HttpRequest request, HttpResponse response)
    {
        var errors = new FieldErrors().Id("endpointId", endpointId);
        body.Validate(errors);
        var expected = ETags.ReadConditions(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await Endpoints(grains, tenant).Update(endpointId, body.ToChange(), expected);
        if (outcome.Value is { } updated)
        {
            ETags.Set(response, updated.Version);
        }

        return outcome.ToOk(WebhookEndpointDto.From);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteEndpoint(
        string endpointId, TenantContext tenant, IGrainFactory grains, HttpRequest request)
    {
        var errors = new FieldErrors().Id("endpointId", endpointId);
        var expected = ETags.ReadConditions(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (expected is not null)
        {
            var outcome = await Endpoints(grains, tenant).Delete(endpointId, expected);
            return outcome.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
        }

        return await Endpoints(grains, tenant).Delete(endpointId) ? TypedResults.NoContent() : NotFound(endpointId);
    }

    private static async Task<Results<Ok<WebhookSecretDto>, ProblemHttpResult>> RotateSecret(string endpointId, TenantContext tenant, IGrainFactory grains)
    {
        if (new FieldErrors().Id("endpointId", endpointId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        return (await Endpoints(grains, tenant).RotateSecret(endpointId)).ToOk(secret => new WebhookSecretDto(secret));
    }

    private static async Task<Results<Ok<ListResponse<WebhookDeliveryDto>>, ProblemHttpResult>> ListDeliveries(
        string endpointId, string? status, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors().Id("endpointId", endpointId);
        var list = ListParameters.Read(limit, cursor, errors, id => EventIds.TryParse(id, out _, out _), new ListFilters().Add("status", status));
        var wanted = DeliveryQuery.Status(list.Filters["status"], list.FilterErrors(errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await Endpoints(grains, tenant).Get(endpointId) is null)
        {
            return NotFound(endpointId);
        }

        var page = await Engine(grains, tenant, endpointId).List(wanted, list.After, list.Limit);
        return TypedResults.Ok(new ListResponse<WebhookDeliveryDto>(page.Items.Select(WebhookDeliveryDto.From).ToList(), list.NextCursor(page.NextAfter)));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RetryDelivery(
        string endpointId, string deliveryId, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors().Id("endpointId", endpointId);
        if (!EventIds.TryParse(deliveryId, out _, out _))
        {
            errors.Add("deliveryId", "Must be a deliveryId this API returned.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await Endpoints(grains, tenant).Get(endpointId) is null)
        {
            return NotFound(endpointId);
        }

        return await Engine(grains, tenant, endpointId).Retry(deliveryId)
            ? TypedResults.Accepted((string?)null)
            : ApiProblems.NotFound($"Delivery '{deliveryId}' of webhook endpoint '{endpointId}' does not exist.");
    }

    private static async Task<Results<Accepted<RetryFailedDto>, ProblemHttpResult>> RetryFailed(string endpointId, TenantContext tenant, IGrainFactory grains)
    {
        if (new FieldErrors().Id("endpointId", endpointId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await Endpoints(grains, tenant).Get(endpointId) is null)
        {
            return NotFound(endpointId);
        }

        return TypedResults.Accepted((string?)null, new RetryFailedDto(await Engine(grains, tenant, endpointId).RetryFailed()));
    }

    private static ProblemHttpResult NotFound(string endpointId) => ApiProblems.NotFound($"Webhook endpoint '{endpointId}' does not exist.");

    private static IWebhookEndpointsGrain Endpoints(IGrainFactory grains, TenantContext tenant) => grains.GetGrain<IWebhookEndpointsGrain>(tenant.TenantId);

    private static IWebhookDeliveryGrain Engine(IGrainFactory grains, TenantContext tenant, string endpointId) =>
        grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(tenant.TenantId, endpointId));
}
