namespace Quartermaster.Chaos.Faults;

/// <summary>A short hold or order placed just before a fault, to see when it expires; Silo hosts its grain.</summary>
internal sealed record ExpiryProbe(string Kind, string Id, string Sku, DateTimeOffset ExpiresAt, string GrainKey)
{
    public int? Silo { get; set; }
}
