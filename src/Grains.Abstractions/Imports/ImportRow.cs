using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Grains.Abstractions.Imports;

/// <summary>
/// One row that passed the single-item endpoint's validation, ready to apply: the fields its kind uses are set.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.ImportRow")]
public sealed record ImportRow(
    [property: Id(0)] int Line,
    [property: Id(1)] string? Sku = null,
    [property: Id(2)] string? WarehouseId = null,
    [property: Id(3)] string? MovementId = null,
    [property: Id(4)] long? Quantity = null,
    [property: Id(5)] string? Reason = null,
    [property: Id(6)] string? Name = null,
    [property: Id(7)] string? Unit = null,
    [property: Id(8)] string? CustomerRef = null,
    [property: Id(9)] CustomerFields? Customer = null);

/// <summary>A row that was not applied: the file's line (from 1, a CSV header included), the field at fault and why.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.ImportError")]
public sealed record ImportError([property: Id(0)] int Line, [property: Id(1)] string Field, [property: Id(2)] string Message);
