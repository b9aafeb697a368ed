using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

[GenerateSerializer]
[Alias("qm.OrderIndexState")]
public sealed class OrderIndexState
{
    [Id(0)]
    public Dictionary<string, OrderView> Orders { get; set; } = new(StringComparer.Ordinal);
}
