namespace Quartermaster.Contracts.Orders;

public sealed record OrderLineView(string Sku, string WarehouseId, long Quantity);
