using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.Grains.Catalog;

[GenerateSerializer]
[Alias("qm.ProductState")]
public sealed class ProductState
{
    /// <summary>Null until the product is first put.</summary>
    [Id(0)]
    public Product? Product { get; set; }
}
