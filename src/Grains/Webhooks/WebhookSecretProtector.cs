using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Encrypts endpoint secrets for storage with AES-256-GCM: `v1:` + base64(nonce[12] | tag[16] | ciphertext).
/// They must be encrypted, not hashed, because every delivery signs with the secret itself.
/// </summary>
public sealed class WebhookSecretProtector(IOptions<WebhookOptions> options)
{
    private const string Version = "v1:";
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Binds each ciphertext to its purpose, so a value encrypted elsewhere with the same key is refused.
    private static readonly byte[] AssociatedData = "quartermaster/webhook-secret/v1"u8.ToArray();

    // One per process, so every protector of an in-memory host reads what another wrote.
    private static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(KeySize));

    private readonly byte[] _key = KeyOf(options.Value.SecretKey);

    /// <summary>Whether `Webhooks:SecretKey` is set; without it protected secrets die with the process.</summary>
    public bool HasConfiguredKey { get; } = !string.IsNullOrWhiteSpace(options.Value.SecretKey);

    public string Protect(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData);
        return Version + Convert.ToBase64String(sealedBytes);
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
        if (!Convert.TryFromBase64String(protectedSecret[Version.Length..], sealedBytes, out var length) || length < NonceSize + TagSize)
        {
            throw new WebhookSecretProtectionException("Not a protected webhook secret: its payload is not base64 of nonce, tag and ciphertext.");
        }

        var plaintext = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize, plaintext.Length),
                sealedBytes.AsSpan(NonceSize, TagSize), plaintext, AssociatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new WebhookSecretProtectionException(
                "The webhook secret could not be decrypted: it was protected with another Webhooks:SecretKey, or it was altered.", e);
        }

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

    /// <summary>The 32 bytes of a base64 key, or null when it is not base64 of exactly 32 bytes.</summary>
    internal static byte[]? DecodeKey(string base64)
    {
        var key = new byte[KeySize + 3];
        return Convert.TryFromBase64String(base64.Trim(), key, out var length) && length == KeySize ? key[..KeySize] : null;
    }

    private static byte[] KeyOf(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? ProcessKey.Value
            : DecodeKey(configured) ?? throw new OptionsValidationException(WebhookOptions.Section, typeof(WebhookOptions),
                [$"{WebhookOptions.Section}:{nameof(WebhookOptions.SecretKey)} must be the base64 of exactly 32 bytes."]);
}
