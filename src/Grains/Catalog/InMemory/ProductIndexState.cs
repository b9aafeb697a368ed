using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.Grains.Catalog.InMemory;

[GenerateSerializer]
[Alias("qm.ProductIndexState")]
public sealed class ProductIndexState
{
    [Id(0)]
    public SortedDictionary<string, Product> Products { get; set; } = new(StringComparer.Ordinal);
}
