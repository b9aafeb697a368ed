namespace Quartermaster.Grains.Webhooks;

/// <summary>A stored webhook secret could not be decrypted: a different key, an altered value, or not ours.</summary>
public sealed class WebhookSecretProtectionException : Exception
{
    public WebhookSecretProtectionException()
    {
    }

    public WebhookSecretProtectionException(string message)
        : base(message)
    {
    }

    public WebhookSecretProtectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
