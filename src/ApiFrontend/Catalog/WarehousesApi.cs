using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Catalog;

public static class WarehousesApi
{
    public static RouteGroupBuilder MapWarehousesApi(this RouteGroupBuilder api)
    {
        var warehouses = api.MapGroup("/warehouses").WithTags("Catalog");
        warehouses.MapPut("/{warehouseId}", PutWarehouse).WithName("PutWarehouse").WithETag().WithProblems(400, 409, 412);
        warehouses.MapGet("/{warehouseId}", GetWarehouse).WithName("GetWarehouse").WithETag().WithProblems(400, 404);
        warehouses.MapGet("/", ListWarehouses).WithName("ListWarehouses").WithProblems(400);
        return api;
    }

    private static async Task<Results<Created<WarehouseDto>, Ok<WarehouseDto>, ProblemHttpResult>> PutWarehouse(
        string warehouseId, PutWarehouseRequest body, TenantContext tenant, IGrainFactory grains, IOptions<QuartermasterOptions> options,
        HttpRequest request, HttpResponse response)
    {
        var errors = CatalogRules.Warehouse(new FieldErrors(), warehouseId, body);
        var expected = ETags.ReadConditions(request, errors);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.GetGrain<ICatalogGrain>(tenant.TenantId).PutWarehouse(warehouseId, body.Name!, expected, options.Value.MaxWarehousesPerTenant);
        return outcome.ToPutResult(response, w => w.Version, WarehouseDto.From, $"/api/v1/warehouses/{warehouseId}");
    }

    /// <summary>One warehouse: where the PUT's Location points.</summary>
    private static Task<Results<Ok<WarehouseDto>, ProblemHttpResult>> GetWarehouse(
        string warehouseId, TenantContext tenant, IGrainFactory grains, HttpResponse response) =>
        response.ReadByIdAsync("warehouseId", warehouseId, "Warehouse", () => grains.GetGrain<ICatalogGrain>(tenant.TenantId).GetWarehouse(warehouseId),
            w => w.Version, WarehouseDto.From);

    private static async Task<Results<Ok<ListResponse<WarehouseDto>>, ProblemHttpResult>> ListWarehouses(
        string? q, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var list = ListParameters.Read(limit, cursor, errors, ResourceId.IsValid, new ListFilters().Add("q", q, SearchParameter.Normalise));
        var text = SearchParameter.Read(list.Filters["q"], list.FilterErrors(errors));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var catalog = grains.GetGrain<ICatalogGrain>(tenant.TenantId);
        var page = text is null ? await catalog.ListWarehouses(list.After, list.Limit) : await catalog.SearchWarehouses(text, list.After, list.Limit);
        return TypedResults.Ok(new ListResponse<WarehouseDto>(page.Items.Select(WarehouseDto.From).ToList(), list.NextCursor(page.NextAfter)));
    }
}
