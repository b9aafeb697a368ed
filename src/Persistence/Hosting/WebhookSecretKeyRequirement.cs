using Microsoft.Extensions.DependencyInjection;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Persistence.Hosting;

/// <summary>
/// A silo with durable state refuses to start without `Webhooks:SecretKey`: without one, endpoint signing secrets
/// would be sealed with a key made up for this process, which no other silo and no restart can read. An empty value
/// counts as none, as it does where the key is resolved (<c>AtRestKey</c>).
/// </summary>
internal static class WebhookSecretKeyRequirement
{
    public const string Message =
        "Webhooks:SecretKey is required with durable state: the AES-256 key (base64 of 32 bytes) that webhook signing secrets are encrypted with at rest.";

    public static IServiceCollection RequireWebhookSecretKey(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().Validate(o => !string.IsNullOrWhiteSpace(o.SecretKey), Message);
        return services;
    }
}
