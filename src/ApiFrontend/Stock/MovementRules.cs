using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Stock;

/// <summary>What a receipt or adjustment may hold: the endpoints and the import rows check the same.</summary>
internal static class MovementRules
{
    public static FieldErrors Receipt(FieldErrors errors, string? sku, string? warehouseId, ReceiptRequest body) =>
        errors.Id("sku", sku).Id("warehouseId", warehouseId)
            .Id("movementId", body.MovementId).Quantity("quantity", body.Quantity).Text("reason", body.Reason, 500, required: false);

    public static FieldErrors Adjustment(FieldErrors errors, string? sku, string? warehouseId, AdjustmentRequest body) =>
        errors.Id("sku", sku).Id("warehouseId", warehouseId).Id("movementId", body.MovementId)
            .Range("countedOnHand", body.CountedOnHand, 0, FieldErrors.MaxQuantity).Text("reason", body.Reason, 500);
}
