using System.ComponentModel.DataAnnotations;
using Quartermaster.Contracts.Schema;

namespace Quartermaster.Contracts.Orders;

public sealed record OrderLineView([property: ResourceId] string Sku, [property: ResourceId] string WarehouseId, [property: Range(1, 1_000_000_000)] long Quantity);
