using System.Text;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Security;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Encrypts endpoint secrets for storage with AES-256-GCM: `v1:` + base64(nonce[12] | tag[16] | ciphertext).
/// They must be encrypted, not hashed, because every delivery signs with the secret itself.
/// </summary>
public sealed class WebhookSecretProtector(IOptions<WebhookOptions> options)
{
    private const string Version = "v1:";

    // Binds each ciphertext to its purpose, so a value encrypted elsewhere with the same key is refused.
    private static readonly byte[] Purpose = "quartermaster/webhook-secret/v1"u8.ToArray();

    private readonly byte[] _key = AtRestKey.Resolve(options.Value.SecretKey);

    /// <summary>Whether `Webhooks:SecretKey` is set; without it protected secrets die with the process.</summary>
    public bool HasConfiguredKey { get; } = AtRestKey.IsConfigured(options.Value.SecretKey);

    public string Protect(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Version + Convert.ToBase64String(SealedBox.Seal(_key, Encoding.UTF8.GetBytes(secret), Purpose));
    }

    /// <exception cref="WebhookSecretProtectionException">Not a value of ours, altered, or protected with another key.</exception>
    public string Unprotect(string protectedSecret)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        if (!protectedSecret.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new WebhookSecretProtectionException($"Not a protected webhook secret: it does not start with \"{Version}\".");
        }

        var sealedBytes = new byte[(protectedSecret.Length - Version.Length) * 3 / 4];
        if (!Convert.TryFromBase64String(protectedSecret[Version.Length..], sealedBytes, out var length))
        {
            throw new WebhookSecretProtectionException("Not a protected webhook secret: its payload is not base64 of nonce, tag and ciphertext.");
        }

        var plaintext = SealedBox.TryOpen(_key, sealedBytes.AsSpan(0, length), Purpose)
            ?? throw new WebhookSecretProtectionException(
                "The webhook secret could not be decrypted: it was protected with another Webhooks:SecretKey, or it was altered.");
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>The secret, or null when this silo's key cannot read it (another key wrote it, or it was altered).</summary>
    public string? TryUnprotect(string protectedSecret)
    {
        try
        {
            return Unprotect(protectedSecret);
        }
        catch (WebhookSecretProtectionException)
        {
            return null;
        }
    }
}
