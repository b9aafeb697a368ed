namespace Quartermaster.Grains.Abstractions.Stock;

[GenerateSerializer]
[Alias("qm.HoldStatus")]
public enum HoldStatus
{
    Active = 0,
    Released = 1,
    Committed = 2,
    Expired = 3,
}
