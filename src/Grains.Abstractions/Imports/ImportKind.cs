namespace Quartermaster.Grains.Abstractions.Imports;

/// <summary>What an import's rows are: each is the body (and path ids) of one single-item call.</summary>
[GenerateSerializer]
[Alias("qm.ImportKind")]
public enum ImportKind
{
    Products = 0,
    Warehouses = 1,
    Receipts = 2,
    Adjustments = 3,
    Customers = 4,
}
