using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Grains.Tenants;

/// <summary>
/// Key material and its salted hashes. Keys are 256-bit random values, so one round of SHA-256 over salt and
/// key resists offline guessing; a slow password hash would only slow every request down.
/// </summary>
internal static class ApiKeySecrets
{
    private const int SaltBytes = 16;

    public static string NewKey() => "qm_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewKeyId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(byte[] salt, string key)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var input = new byte[salt.Length + keyBytes.Length];
        salt.CopyTo(input, 0);
        keyBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    public static bool Matches(byte[] salt, byte[] expectedHash, string key) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, key), expectedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
