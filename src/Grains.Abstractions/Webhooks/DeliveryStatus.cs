namespace Quartermaster.Grains.Abstractions.Webhooks;

[GenerateSerializer]
[Alias("qm.DeliveryStatus")]
public enum DeliveryStatus
{
    Pending = 0,
    Succeeded = 1,
    Failed = 2,
}
