namespace Quartermaster.Grains.Abstractions.Catalog;

/// <summary>A page of a tenant's products in ordinal sku order.</summary>
/// <param name="Text">Matches a sku prefix or words of the name (each a word's prefix), ignoring case; null for all.</param>
/// <param name="After">Continue after this sku.</param>
[GenerateSerializer, Immutable]
[Alias("qm.ProductQuery")]
public sealed record ProductQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? After,
    [property: Id(2)] int Limit);
