namespace Quartermaster.Client.Problems;

/// <summary>One line of an order that could not be reserved: what it asked for and what was available.</summary>
public sealed record ShortLine(string Sku, string WarehouseId, long Requested, long Available);
