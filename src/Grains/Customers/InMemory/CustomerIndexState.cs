using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Grains.Customers.InMemory;

[GenerateSerializer]
[Alias("qm.CustomerIndexState")]
public sealed class CustomerIndexState
{
    [Id(0)]
    public SortedDictionary<string, Customer> Customers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version each ref was last recorded at, erased ones included, so an older write never overtakes a newer one.</summary>
    [Id(1)]
    public Dictionary<string, long> Versions { get; set; } = new(StringComparer.Ordinal);
}
