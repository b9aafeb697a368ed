namespace Quartermaster.Grains.Abstractions.Orders;

[GenerateSerializer]
[Alias("qm.OrderStatus")]
public enum OrderStatus
{
    Reserved = 0,
    Confirmed = 1,
    Shipped = 2,
    Cancelled = 3,
    Expired = 4,
}
