using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Endpoint signing secrets: `whsec_` followed by 43 base64url characters (32 random bytes), shown to the
/// tenant once. The HMAC key is the UTF-8 of the whole string, prefix included, so a receiver signs with
/// the secret exactly as it was shown, decoding nothing.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key of <paramref name="secret"/>: the UTF-8 bytes of the whole string.</summary>
    public static byte[] SigningKey(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Encoding.UTF8.GetBytes(secret);
    }
}
