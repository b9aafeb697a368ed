using Microsoft.Extensions.Options;
using Quartermaster.Grains.Security;

namespace Quartermaster.Grains.Webhooks;

/// <summary>Refuses to start with limits that would stall delivery or a secret key that cannot be AES-256.</summary>
internal sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        Range(failures, nameof(options.TimeoutSeconds), options.TimeoutSeconds, 1, 60);
        Range(failures, nameof(options.MaxConcurrentPerEndpoint), options.MaxConcurrentPerEndpoint, 1, 1_000);
        Range(failures, nameof(options.MaxConcurrentPerSilo), options.MaxConcurrentPerSilo, 1, 10_000);
        Range(failures, nameof(options.MaxResponseBytesKept), options.MaxResponseBytesKept, 0, 64 * 1024);

        foreach (var host in options.AllowedHosts)
        {
            if (!AllowedWebhookHosts.IsValidEntry(host))
            {
                failures.Add($"{WebhookOptions.Section}:{nameof(options.AllowedHosts)} entries must be bare host names or IP literals, without scheme, port or path (was \"{host}\").");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.SecretKey) && AtRestKey.Decode(options.SecretKey) is null)
        {
            failures.Add($"{WebhookOptions.Section}:{nameof(options.SecretKey)} must be the base64 of exactly 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{WebhookOptions.Section}:{name} must be between {min} and {max} (was {value}).");
        }
    }
}
