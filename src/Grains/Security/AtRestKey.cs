using Microsoft.Extensions.Options;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Security;

/// <summary>
/// The AES-256 key that secrets kept at rest are sealed with: `Webhooks:SecretKey` (base64 of 32 bytes), the
/// same on every silo. Unset, one random key per process, which suits only in-memory hosting.
/// </summary>
internal static class AtRestKey
{
    // One per process, so every protector of an in-memory host reads what another wrote.
    private static readonly Lazy<byte[]> ProcessKey = new(() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(SealedBox.KeySize));

    public static bool IsConfigured(string? configured) => !string.IsNullOrWhiteSpace(configured);

    public static byte[] Resolve(string? configured) =>
        !IsConfigured(configured)
            ? ProcessKey.Value
            : Decode(configured!) ?? throw new OptionsValidationException(WebhookOptions.Section, typeof(WebhookOptions),
                [$"{WebhookOptions.Section}:{nameof(WebhookOptions.SecretKey)} must be the base64 of exactly 32 bytes."]);

    /// <summary>The 32 bytes of a base64 key, or null when it is not base64 of exactly 32 bytes.</summary>
    public static byte[]? Decode(string base64)
    {
        var key = new byte[SealedBox.KeySize + 3];
        return Convert.TryFromBase64String(base64.Trim(), key, out var length) && length == SealedBox.KeySize ? key[..SealedBox.KeySize] : null;
    }
}
