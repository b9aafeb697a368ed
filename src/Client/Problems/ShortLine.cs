namespace Quartermaster.Client.Problems;

/// <summary>
/// One line of an order that could not be reserved: what it asked for, what was available, and its position in the
/// order's lines from 0 (<see cref="Index"/>: which line it is when several name the same item).
/// </summary>
public sealed record ShortLine(string Sku, string WarehouseId, long Requested, long Available, int Index);
