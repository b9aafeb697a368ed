namespace Quartermaster.Grains.Abstractions.Customers;

[GenerateSerializer]
[Alias("qm.CustomerStatus")]
public enum CustomerStatus
{
    Active = 0,

    /// <summary>New orders naming the customer are refused (customer_blocked).</summary>
    Blocked = 1,
}
