using System.ComponentModel.DataAnnotations;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.ApiFrontend.Catalog;

public sealed record PutWarehouseRequest([property: Required, StringLength(200, MinimumLength = 1)] string? Name);

public sealed record WarehouseDto([property: ResourceId] string WarehouseId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WarehouseDto From(Warehouse w) => new(w.WarehouseId, w.Name, w.CreatedAt, w.UpdatedAt);
}

public sealed record PutProductRequest([property: Required, StringLength(200, MinimumLength = 1)] string? Name, [property: StringLength(32, MinimumLength = 1)] string? Unit = null);

public sealed record ProductDto([property: ResourceId] string Sku, string Name, string? Unit, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProductDto From(Product p) => new(p.Sku, p.Name, p.Unit, p.CreatedAt, p.UpdatedAt);
}
