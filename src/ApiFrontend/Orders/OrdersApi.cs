using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Orders;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.ApiFrontend.Orders;

public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapPost("/", PlaceOrder).WithName("PlaceOrder").WithETag().WithProblems(400, 404, 409, 422);
        orders.MapGet("/{orderId}", GetOrder).WithName("GetOrder").WithETag().WithProblems(400, 404);
        orders.MapGet("/", ListOrders).WithName("ListOrders").WithProblems(400);
        orders.MapPost("/{orderId}/confirm", (string orderId, TenantContext t, IGrainFactory g, HttpResponse r) =>
            Transition(orderId, t, g, r, o => o.Confirm())).WithName("ConfirmOrder").WithETag().WithProblems(400, 404, 409, 422);
        orders.MapPost("/{orderId}/ship", (string orderId, TenantContext t, IGrainFactory g, HttpResponse r) =>
            Transition(orderId, t, g, r, o => o.Ship())).WithName("ShipOrder").WithETag().WithProblems(400, 404, 409, 422);
        orders.MapPost("/{orderId}/cancel", (string orderId, TenantContext t, IGrainFactory g, HttpResponse r) =>
            Transition(orderId, t, g, r, o => o.Cancel())).WithName("CancelOrder").WithETag().WithProblems(400, 404, 409, 422);
        return api;
    }

    private static async Task<Results<Created<OrderDto>, ProblemHttpResult>> PlaceOrder(
        PlaceOrderRequest body, TenantContext tenant, TenantSettingsCache settings, IGrainFactory grains, StockTargets targets,
        HttpResponse response)
    {
        if (OrderRequestValidation.Validate(body) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        // Unknown products or warehouses are refused before the order or any stock item is activated.
        foreach (var line in OrderRequestValidation.Lines(body).DistinctBy(l => (l.Sku, l.WarehouseId)))
        {
            if (await targets.CheckAsync(tenant.TenantId, line.Sku, line.WarehouseId) is { } missing)
            {
                return missing.ToProblem();
            }
        }

        var ttl = (await settings.GetSettingsAsync(tenant.TenantId)).ReservationTtlSeconds;
        var command = new PlaceOrder(body.CustomerRef, OrderRequestValidation.Lines(body), ttl);
        var outcome = await Order(grains, tenant, body.OrderId!).Place(command);
        if (outcome.Failure is { } failure)
        {
            return failure.ToProblem();
        }

        ETags.Set(response, outcome.Value!.Version);
        return TypedResults.Created($"/api/v1/orders/{body.OrderId}", OrderDto.From(outcome.Value));
    }

    private static Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetOrder(
        string orderId, TenantContext tenant, IGrainFactory grains, HttpResponse response) =>
        response.ReadByIdAsync("orderId", orderId, "Order", () => Order(grains, tenant, orderId).Get(), o => o.Version, OrderDto.From);

    private static async Task<Results<Ok<ListResponse<OrderDto>>, ProblemHttpResult>> ListOrders(
        string? status, string? customerRef, string? createdFrom, string? createdTo, string? limit, string? cursor,
        TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var (query, list) = OrderListQuery.Read(status, customerRef, createdFrom, createdTo, limit, cursor, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await grains.GetGrain<IOrderSearchGrain>(tenant.TenantId).Query(query);
        return TypedResults.Ok(new ListResponse<OrderDto>(page.Items.Select(OrderDto.From).ToList(), OrderListQuery.CursorOf(list, page.Next)));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Transition(
        string orderId, TenantContext tenant, IGrainFactory grains, HttpResponse response, Func<IOrderGrain, Task<Outcome<OrderView>>> transition)
    {
        if (new FieldErrors().Id("orderId", orderId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var outcome = await transition(Order(grains, tenant, orderId));
        if (outcome.Value is { } order)
        {
            ETags.Set(response, order.Version);
        }

        return outcome.ToOk(OrderDto.From);
    }

    private static IOrderGrain Order(IGrainFactory grains, TenantContext tenant, string orderId) =>
        grains.Get<IOrderGrain>(GrainKeys.Order(tenant.TenantId, orderId));
}
