using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Catalog;

/// <summary>What a warehouse or product PUT may hold: the endpoints and the import rows check the same.</summary>
internal static class CatalogRules
{
    public static FieldErrors Warehouse(FieldErrors errors, string? warehouseId, PutWarehouseRequest body) =>
        errors.Id("warehouseId", warehouseId).Text("name", body.Name, 200);

    public static FieldErrors Product(FieldErrors errors, string? sku, PutProductRequest body) =>
        errors.Id("sku", sku).Text("name", body.Name, 200).Text("unit", body.Unit, 32, required: false);
}
