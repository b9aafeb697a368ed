using System.Security.Cryptography;

namespace Quartermaster.Grains.Security;

/// <summary>
/// AES-256-GCM with a per-value random nonce: nonce[12] | tag[16] | ciphertext. The purpose is bound in as
/// associated data, so a value sealed for one use is refused by another that shares the key.
/// </summary>
internal static class SealedBox
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> purpose)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), purpose);
        return sealedBytes;
    }

    /// <summary>The plaintext, or null when the value is too short, altered, sealed for another purpose or with another key.</summary>
    public static byte[]? TryOpen(byte[] key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> purpose)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, purpose);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
