using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.Grains.Catalog;

[GenerateSerializer]
[Alias("qm.CatalogState")]
public sealed class CatalogState
{
    [Id(0)]
    public SortedDictionary<string, Warehouse> Warehouses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The warehouse the pending write changed: a storage that keeps a row per warehouse writes only it.</summary>
    [Id(2)]
    public string? Unwritten { get; set; }
}
