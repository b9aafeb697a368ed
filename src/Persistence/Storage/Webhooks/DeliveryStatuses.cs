using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Persistence.Storage.Webhooks;

/// <summary>The status column's spelling (qm_webhook_deliveries.status).</summary>
internal static class DeliveryStatuses
{
    public static string Format(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Succeeded => "succeeded",
        DeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static DeliveryStatus Parse(string status) => status switch
    {
        "pending" => DeliveryStatus.Pending,
        "succeeded" => DeliveryStatus.Succeeded,
        "failed" => DeliveryStatus.Failed,
        _ => throw new FormatException($"Unknown delivery status '{status}'."),
    };
}
