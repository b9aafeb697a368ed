namespace Quartermaster.Grains.Abstractions.Customers;

/// <summary>What a PUT of a customer sets: the whole record but its ref and times.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.CustomerFields")]
public sealed record CustomerFields(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Phone,
    [property: Id(3)] CustomerStatus Status,
    [property: Id(4)] IReadOnlyDictionary<string, string> Attributes)
{
    public bool SameAs(CustomerFields other) =>
        Name == other.Name && Email == other.Email && Phone == other.Phone && Status == other.Status
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(pair => other.Attributes.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
