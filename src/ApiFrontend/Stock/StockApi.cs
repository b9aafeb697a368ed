using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Settings;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

public static class StockApi
{
    public static RouteGroupBuilder MapStockApi(this RouteGroupBuilder api)
    {
        var stock = api.MapGroup("/stock").WithTags("Stock");
        stock.MapGet("/{sku}/{warehouseId}", GetStockItem).WithName("GetStockItem").WithETag().WithProblems(400, 404);
        stock.MapGet("/{sku}", GetStockSummary).WithName("GetStockSummary").WithETag().WithProblems(400, 404);
        stock.MapPost("/{sku}/{warehouseId}/receipts", Receive).WithName("ReceiveStock").WithProblems(400, 404, 409, 422);
        stock.MapPost("/{sku}/{warehouseId}/adjustments", Adjust).WithName("AdjustStock").WithProblems(400, 404, 409, 422);
        stock.MapGet("/{sku}/{warehouseId}/movements", ListMovements).WithName("ListMovements").WithProblems(400, 404);
        stock.MapGet("", ListStockItems).WithName("ListStockItems").WithProblems(400, 404);
        stock.MapPut("/{sku}/{warehouseId}/threshold", SetLowStockThreshold).WithName("SetLowStockThreshold").WithETag().WithProblems(400, 404, 412, 422);
        return api;
    }

    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> GetStockItem(
        string sku, string warehouseId, TenantContext tenant, IGrainFactory grains, StockTargets targets, HttpResponse response)
    {
        if (new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, sku, warehouseId) is { } missing)
        {
            return missing.ToProblem();
        }

        var outcome = await grains.StockItem(tenant, sku, warehouseId).Get();
        if (outcome.Value is { } levels)
        {
            StockItemETags.Set(response, levels);
        }

        return outcome.ToOk(StockItemDto.From);
    }

    /// <summary>
    /// The product across warehouses, a page of warehouses at a time (`?limit=`, `?cursor=`), so one request
    /// reads at most `limit` stock items; the totals are those of the page (of every warehouse when `nextCursor` is null
    /// on the first page). Without `limit` the page is the tenant's warehouse cap, so the plain call keeps the
    /// contract's meaning (totals over every warehouse) and its cost stays bounded by the cap.
    /// </summary>
    private static async Task<Results<Ok<StockSummaryDto>, ProblemHttpResult>> GetStockSummary(
        string sku, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains, IOptions<QuartermasterOptions> options,
        HttpResponse response)
    {
        var errors = new FieldErrors().Id("sku", sku);
        var list = ListParameters.Read(limit, cursor, errors, ResourceId.IsValid);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await grains.Product(tenant.TenantId, sku).Get() is null)
        {
            return ApiProblems.NotFound($"Product '{sku}' does not exist.");
        }

        var warehouses = await grains.GetGrain<ICatalogGrain>(tenant.TenantId).WarehouseIdPage(list.After, limit is null ? options.Value.MaxWarehousesPerTenant : list.Limit);
        var outcomes = await Task.WhenAll(warehouses.Items.Select(w => grains.StockItem(tenant, sku, w).Get()));
        var items = outcomes.Where(o => o.Value is not null).Select(o => StockItemDto.From(o.Value!)).ToList();
        ETags.Set(response, SummaryTag(items));
        return TypedResults.Ok(new StockSummaryDto(sku, items.Sum(i => i.OnHand), items.Sum(i => i.Reserved), items.Sum(i => i.Available), items,
            Cursors.Encode(warehouses.NextAfter)));
    }

    /// <summary>
    /// The summary has no version of its own: its tag changes whenever one of its items' versions does, or the
    /// threshold in force of one (a change of threshold, the item's or the tenant's, writes no ledger entry).
    /// </summary>
    private static string SummaryTag(IEnumerable<StockItemDto> items) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join(';', items.Select(i => $"{i.WarehouseId}:{i.Version}:{i.LowStockThreshold}")))))[..16];

    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> Receive(
        string sku, string warehouseId, ReceiptRequest body, TenantContext tenant, IGrainFactory grains, StockTargets targets)
    {
        var errors = MovementRules.Receipt(new FieldErrors(), sku, warehouseId, body);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, sku, warehouseId) is { } missing)
        {
            return missing.ToProblem();
        }

        var movement = new Movement(body.MovementId!, LedgerEntryType.Receipt, body.Quantity!.Value, body.Reason, null);
        return (await grains.StockItem(tenant, sku, warehouseId).Apply(movement)).ToOk(StockItemDto.From);
    }

    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> Adjust(
        string sku, string warehouseId, AdjustmentRequest body, TenantContext tenant, IGrainFactory grains, StockTargets targets)
    {
        var errors = MovementRules.Adjustment(new FieldErrors(), sku, warehouseId, body);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, sku, warehouseId) is { } missing)
        {
            return missing.ToProblem();
        }

        var movement = new Movement(body.MovementId!, LedgerEntryType.Adjustment, body.CountedOnHand!.Value, body.Reason, null);
        return (await grains.StockItem(tenant, sku, warehouseId).Apply(movement)).ToOk(StockItemDto.From);
    }

    /// <summary>
    /// The tenant's stock items from PostgreSQL, as their last acknowledged writes left them, ordered by sku then
    /// warehouse: `sku` is a prefix, `low=true` keeps items whose available is at or below their threshold in
    /// force (above 0). Items no client wrote (no ledger entry, no threshold of their own: all zero) are not listed.
    /// A `warehouseId` that names no warehouse of the tenant is 404, as everywhere else stock names one.
    /// </summary>
    private static async Task<Results<Ok<ListResponse<StockItemDto>>, ProblemHttpResult>> ListStockItems(
        string? warehouseId, string? sku, string? low, string? limit, string? cursor,
        TenantContext tenant, IGrainFactory grains, TenantSettingsCache settings)
    {
        var errors = new FieldErrors();
        var threshold = (await settings.GetSettingsAsync(tenant.TenantId)).LowStockThreshold;
        var (query, list) = StockListQuery.Read(warehouseId, sku, low, limit, cursor, threshold, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (query.WarehouseId is { } filtered && await grains.GetGrain<ICatalogGrain>(tenant.TenantId).GetWarehouse(filtered) is null)
        {
            return ApiProblems.NotFound($"Warehouse '{filtered}' does not exist.");
        }

        var page = await grains.GetGrain<IStockSearchGrain>(tenant.TenantId).Query(query);
        return TypedResults.Ok(new ListResponse<StockItemDto>(page.Items.Select(StockItemDto.From).ToList(), StockListQuery.CursorOf(list, page.Next)));
    }

    /// <summary>The item's own threshold, or null to follow the tenant's; a change that moves the item across it is a crossing.</summary>
    private static async Task<Results<Ok<StockItemDto>, ProblemHttpResult>> SetLowStockThreshold(
        string sku, string warehouseId, LowStockThresholdRequest body, TenantContext tenant, IGrainFactory grains, StockTargets targets,
        HttpRequest request, HttpResponse response)
    {
        var errors = new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId)
            .Range("lowStockThreshold", body.LowStockThreshold, 0, FieldErrors.MaxQuantity, required: false);
        if (!body.Sent)
        {
            errors.Add("lowStockThreshold", "Required: a number 0..1000000000, or null to follow the tenant's lowStockThreshold.");
        }

        var expected = StockItemETags.ReadIfMatch(request, errors);
        var noneMatch = StockItemETags.ReadIfNoneMatch(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, sku, warehouseId) is { } missing)
        {
            return missing.ToProblem();
        }

        var item = grains.StockItem(tenant, sku, warehouseId);
        if (noneMatch is not null)
        {
            // If-None-Match is checked against the item as read here; the write is then conditional on that very tag,
            // so a change in between is refused as If-Match's would be.
            var read = await item.Get();
            if (read.Value is not { } current)
            {
                return read.Failure!.ToProblem();
            }

            if (noneMatch.Names(current) || (expected is not null && !expected.Any(tag => tag.Matches(current))))
            {
                return Failure.PreconditionFailed(noneMatch.Names(current)
                    ? $"The stock item is at ETag \"{StockItemTag.Of(current)}\", which If-None-Match names."
                    : "The stock item changed since that ETag was read: read it again.").ToProblem();
            }

            expected = [StockItemTag.Of(current)];
        }

        var outcome = expected is { } tags
            ? await item.SetLowStockThreshold(body.LowStockThreshold, tags)
            : await item.SetLowStockThreshold(body.LowStockThreshold);
        if (outcome.Value is { } levels)
        {
            StockItemETags.Set(response, levels);
        }

        return outcome.ToOk(StockItemDto.From);
    }

    private static async Task<Results<Ok<ListResponse<LedgerEntryDto>>, ProblemHttpResult>> ListMovements(
        string sku, string warehouseId, string? after, string? limit, string? cursor, TenantContext tenant, IGrainFactory grains)
    {
        var errors = new FieldErrors().Id("sku", sku).Id("warehouseId", warehouseId);
        var list = ListParameters.Read(limit, cursor, errors);
        var afterSeq = 0L;
        var position = list.StartAfter(after, errors);
        if (position is not null && (!long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq)))
        {
            errors.Add(list.After is null ? "after" : "cursor", "Must be a ledger sequence number (0 or more).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await grains.StockItem(tenant, sku, warehouseId).Ledger(afterSeq, list.Limit);
        return outcome.ToOk(page => new ListResponse<LedgerEntryDto>(
            page.Items.Select(LedgerEntryDto.From).ToList(), Cursors.Encode(page.NextAfter)));
    }
}
