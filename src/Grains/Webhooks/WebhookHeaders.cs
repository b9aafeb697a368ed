namespace Quartermaster.Grains.Webhooks;

/// <summary>The headers a delivery carries besides `Content-Type: application/json`.</summary>
public static class WebhookHeaders
{
    public const string EventId = "Quartermaster-Event-Id";
    public const string Signature = "Quartermaster-Signature";
}
