namespace Quartermaster.Grains.Abstractions.Customers;

/// <summary>A page of a tenant's customers (erased ones never), ordered by ref.</summary>
/// <param name="Text">Matches a ref prefix, words of the name (each a word's prefix) or an email prefix, ignoring case; null for all.</param>
/// <param name="After">Continue after this ref.</param>
[GenerateSerializer, Immutable]
[Alias("qm.CustomerQuery")]
public sealed record CustomerQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] CustomerStatus? Status,
    [property: Id(2)] string? After,
    [property: Id(3)] int Limit);
