using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Stock;

public static class HoldsApi
{
    public static RouteGroupBuilder MapHoldsApi(this RouteGroupBuilder api)
    {
        var holds = api.MapGroup("/stock/{sku}/{warehouseId}/holds").WithTags("Holds");
        holds.MapPost("/", PlaceHold).WithName("PlaceHold").WithProblems(400, 404, 409, 422);
        holds.MapGet("/{holdId}", GetHold).WithName("GetHold").WithETag().WithProblems(400, 404);
        holds.MapDelete("/{holdId}", ReleaseHold).WithName("ReleaseHold").WithProblems(400, 404, 409);
        holds.MapPost("/{holdId}/commit", CommitHold).WithName("CommitHold").WithProblems(400, 404, 409, 422);
        return api;
    }

    private static async Task<Results<Created<HoldDto>, ProblemHttpResult>> PlaceHold(
        string sku, string warehouseId, PlaceHoldRequest body, TenantContext tenant, TenantSettingsCache settings,
        IGrainFactory grains, StockTargets targets)
    {
        var errors = new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId).Id("holdId", body.HoldId)
            .Quantity("quantity", body.Quantity)
            .Range("ttlSeconds", body.TtlSeconds, TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, sku, warehouseId) is { } missing)
        {
            return missing.ToProblem();
        }

        var ttl = body.TtlSeconds ?? (await settings.GetSettingsAsync(tenant.TenantId)).ReservationTtlSeconds;
        var request = new HoldRequest(body.HoldId!, body.Quantity!.Value, TimeSpan.FromSeconds(ttl), Ref: null);
        var outcome = await grains.StockItem(tenant, sku, warehouseId).PlaceHold(request);
        return outcome.Failure is { } failure
            ? failure.ToProblem()
            : TypedResults.Created($"/api/v1/stock/{sku}/{warehouseId}/holds/{body.HoldId}", HoldDto.From(outcome.Value!));
    }

    /// <summary>The hold as it stands: active, or how it ended. Its ETag is its stock item's, whose version moves whenever the hold does.</summary>
    private static async Task<Results<Ok<HoldDto>, ProblemHttpResult>> GetHold(
        string sku, string warehouseId, string holdId, TenantContext tenant, IGrainFactory grains, StockTargets targets, HttpResponse response)
    {
        if (await RefuseHoldAddressAsync(sku, warehouseId, holdId, tenant, targets) is { } refused)
        {
            return refused;
        }

        var outcome = await grains.StockItem(tenant, sku, warehouseId).GetHold(holdId);
        if (outcome.Value is { } hold)
        {
            StockItemETags.Set(response, hold.Stock);
        }

        return outcome.ToOk(HoldDto.From);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseHold(
        string sku, string warehouseId, string holdId, TenantContext tenant, IGrainFactory grains, StockTargets targets)
    {
        if (await RefuseHoldAddressAsync(sku, warehouseId, holdId, tenant, targets) is { } refused)
        {
            return refused;
        }

        var outcome = await grains.StockItem(tenant, sku, warehouseId).ReleaseHold(holdId);
        return outcome.Failure is { } failure ? failure.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> CommitHold(
        string sku, string warehouseId, string holdId, TenantContext tenant, IGrainFactory grains, StockTargets targets)
    {
        if (await RefuseHoldAddressAsync(sku, warehouseId, holdId, tenant, targets) is { } refused)
        {
            return refused;
        }

        var outcome = await grains.StockItem(tenant, sku, warehouseId).CommitHold(holdId);
        return outcome.ToOk(h => StockItemDto.From(h.Stock));
    }

    /// <summary>The checks every call on an existing hold starts with: the three ids' rule, then the catalog target.</summary>
    private static async Task<ProblemHttpResult?> RefuseHoldAddressAsync(
        string sku, string warehouseId, string holdId, TenantContext tenant, StockTargets targets)
    {
        if (new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId).Id("holdId", holdId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        return await targets.CheckAsync(tenant.TenantId, sku, warehouseId) is { } missing ? missing.ToProblem() : null;
    }
}
