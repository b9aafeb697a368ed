using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Stock;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.ApiFrontend.Stock;

public static class TransfersApi
{
    public static RouteGroupBuilder MapTransfersApi(this RouteGroupBuilder api)
    {
        api.MapPost("/stock/transfers", Transfer).WithTags("Stock").WithName("TransferStock").WithProblems(400, 404, 409, 422);
        return api;
    }

    private static async Task<Results<Ok<TransferResultDto>, ProblemHttpResult>> Transfer(
        TransferRequestDto body, TenantContext tenant, IGrainFactory grains, StockTargets targets)
    {
        var errors = new FieldErrors().Id("movementId", body.MovementId).Id("sku", body.Sku)
            .Id("fromWarehouseId", body.FromWarehouseId).Id("toWarehouseId", body.ToWarehouseId).Quantity("quantity", body.Quantity);
        if (body.FromWarehouseId is not null && body.FromWarehouseId == body.ToWarehouseId)
        {
            errors.Add("toWarehouseId", "Must differ from fromWarehouseId.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, body.Sku!, body.FromWarehouseId!) is { } missingSource)
        {
            return missingSource.ToProblem();
        }

        if (await targets.CheckAsync(tenant.TenantId, body.Sku!, body.ToWarehouseId!) is { } missingTarget)
        {
            return missingTarget.ToProblem();
        }

        var transfer = grains.GetGrain<ITransferGrain>(
            GrainKeys.Transfer(tenant.TenantId, body.Sku!, body.MovementId!));
        var outcome = await transfer.Execute(new TransferRequest(body.FromWarehouseId!, body.ToWarehouseId!, body.Quantity!.Value));
        return outcome.ToOk(r => new TransferResultDto(StockItemDto.From(r.From), StockItemDto.From(r.To)));
    }
}
