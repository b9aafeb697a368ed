using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Orders;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Stock;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Orders;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The routes of one baseline engine: the real API's receipts, stock reads, holds and order placement, with the
/// same validation and the same JSON, so that between engines only the concurrency mechanism differs.
/// </summary>
internal static class BaselineApi
{

    public static RouteGroupBuilder MapBaselineApi(this RouteGroupBuilder api, string engine)
    {
        var prefix = $"/baseline/{engine}/api/v1";
        var tag = $"Baseline {engine}";
        api.MapGet("/stock/{sku}/{warehouseId}",
                (string sku, string warehouseId, TenantContext tenant, BaselineEngines engines, HttpResponse response, CancellationToken ct) =>
                    GetStockItem(engines[engine], sku, warehouseId, tenant, response, ct))
            .WithName($"{tag} GetStockItem").WithTags(tag);
        api.MapPost("/stock/{sku}/{warehouseId}/receipts",
                (string sku, string warehouseId, ReceiptRequest body, TenantContext tenant, BaselineEngines engines, CancellationToken ct) =>
                    Receive(engines[engine], sku, warehouseId, body, tenant, ct))
            .WithName($"{tag} ReceiveStock").WithTags(tag);
        api.MapPost("/stock/{sku}/{warehouseId}/holds",
                (string sku, string warehouseId, PlaceHoldRequest body, TenantContext tenant, BaselineEngines engines, CancellationToken ct) =>
                    PlaceHold(engines[engine], prefix, sku, warehouseId, body, tenant, ct))
            .WithName($"{tag} PlaceHold").WithTags(tag);
        api.MapPost("/orders",
                (PlaceOrderRequest body, TenantContext tenant, BaselineEngines engines, HttpResponse response, CancellationToken ct) =>
                    PlaceOrder(engines[engine], prefix, body, tenant, response, ct))
            .WithName($"{tag} PlaceOrder").WithTags(tag);
        api.MapPost("/orders/{orderId}/confirm",
                (string orderId, TenantContext tenant, BaselineEngines engines, CancellationToken ct) =>
                    Transition(orderId, (id, c) => engines[engine].ConfirmOrderAsync(tenant.TenantId, id, c), ct))
            .WithName($"{tag} ConfirmOrder").WithTags(tag);
        api.MapPost("/orders/{orderId}/ship",
                (string orderId, TenantContext tenant, BaselineEngines engines, CancellationToken ct) =>
                    Transition(orderId, (id, c) => engines[engine].ShipOrderAsync(tenant.TenantId, id, c), ct))
            .WithName($"{tag} ShipOrder").WithTags(tag);
        return api;
    }

    public static RouteGroupBuilder MapBaselineInvariants(this RouteGroupBuilder root, string engine)
    {
        root.MapGet("/invariants", async (TenantContext tenant, BaselineEngines engines, CancellationToken ct) =>
                TypedResults.Ok(await BaselineInvariants.CheckAsync(engines[engine].Store, tenant.TenantId, ct)))
            .WithName($"Baseline {engine} Invariants").WithTags($"Baseline {engine}");
        return root;
    }

    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> GetStockItem(
        IBaselineEngine engine, string sku, string warehouseId, TenantContext tenant, HttpResponse response, CancellationToken ct)
    {
        if (new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await engine.Store.LevelsAsync(new ItemKey(tenant.TenantId, sku, warehouseId), ct) is not { } levels)
        {
            return ApiProblems.NotFound($"Stock item '{sku}' in warehouse '{warehouseId}' does not exist.");
        }

        ETags.Set(response, levels.Version);
        return TypedResults.Ok(StockItemDto.From(levels));
    }

    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> Receive(
        IBaselineEngine engine, string sku, string warehouseId, ReceiptRequest body, TenantContext tenant, CancellationToken ct)
    {
        var errors = new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId)
            .Id("movementId", body.MovementId).Quantity("quantity", body.Quantity).Text("reason", body.Reason, 500, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var item = new ItemKey(tenant.TenantId, sku, warehouseId);
        return (await engine.ReceiveAsync(item, body.MovementId!, body.Quantity!.Value, ct)).ToOk(StockItemDto.From);
    }

    private static async Task<Results<Created<HoldDto>, ProblemHttpResult>> PlaceHold(
        IBaselineEngine engine, string prefix, string sku, string warehouseId, PlaceHoldRequest body, TenantContext tenant, CancellationToken ct)
    {
        var errors = new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId).Id("holdId", body.HoldId)
            .Quantity("quantity", body.Quantity)
            .Range("ttlSeconds", body.TtlSeconds, TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var ttl = body.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : BaselineValues.DefaultReservationTtl;
        var item = new ItemKey(tenant.TenantId, sku, warehouseId);
        var outcome = await engine.PlaceHoldAsync(item, body.HoldId!, body.Quantity!.Value, ttl, ct);
        return outcome.Failure is { } failure
            ? failure.ToProblem()
            : TypedResults.Created($"{prefix}/stock/{sku}/{warehouseId}/holds/{body.HoldId}", HoldDto.From(outcome.Value!));
    }

    private static async Task<Results<Created<OrderDto>, ProblemHttpResult>> PlaceOrder(
        IBaselineEngine engine, string prefix, PlaceOrderRequest body, TenantContext tenant, HttpResponse response, CancellationToken ct)
    {
        if (OrderRequestValidation.Validate(body) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var lines = body.Lines!.Select(l => new OrderLine(l!.Sku!, l.WarehouseId!, l.Quantity!.Value)).ToList();
        var outcome = await engine.PlaceOrderAsync(tenant.TenantId, body.OrderId!, body.CustomerRef, lines, ct);
        if (outcome.Failure is { } failure)
        {
            return failure.ToProblem();
        }

        ETags.Set(response, outcome.Value!.Version);
        return TypedResults.Created($"{prefix}/orders/{body.OrderId}", OrderDto.From(outcome.Value));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Transition(
        string orderId, Func<string, CancellationToken, Task<Outcome<OrderView>>> transition, CancellationToken ct)
    {
        if (new FieldErrors().Id("orderId", orderId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var outcome = await transition(orderId, ct);
        return outcome.Failure is { } failure ? failure.ToProblem() : TypedResults.Ok(OrderDto.From(outcome.Value!));
    }
}
