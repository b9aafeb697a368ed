using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.Grains.Catalog;

[GenerateSerializer]
[Alias("qm.CatalogState")]
public sealed class CatalogState
{
    [Id(0)]
    public SortedDictionary<string, Warehouse> Warehouses { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public SortedDictionary<string, Product> Products { get; set; } = new(StringComparer.Ordinal);
}
