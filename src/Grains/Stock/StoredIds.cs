using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>What storage holds for some movement and hold ids of one stock item (absent ids are left out).</summary>
/// <remarks>Not marked immutable: the hold records are mutable classes, so a call copies them.</remarks>
[GenerateSerializer]
[Alias("qm.StoredIds")]
public sealed record StoredIds(
    [property: Id(0)] IReadOnlyList<LedgerEntry> Movements,
    [property: Id(1)] IReadOnlyDictionary<string, HoldRecord> Holds)
{
    public static readonly StoredIds None = new([], new Dictionary<string, HoldRecord>());

    public bool IsEmpty => Movements.Count == 0 && Holds.Count == 0;
}
