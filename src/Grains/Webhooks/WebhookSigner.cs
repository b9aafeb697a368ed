using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Grains.Webhooks;

/// <summary>The `Quartermaster-Signature` header of a delivery.</summary>
public static class WebhookSigner
{
    /// <summary>
    /// `t=&lt;unixSeconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;...]`: one lower-case hex HMAC-SHA256 per secret, in the
    /// order given, each over the ASCII of "&lt;unixSeconds&gt;." followed by the body bytes exactly as sent.
    /// </summary>
    /// <param name="secrets">
    /// The live secrets' HMAC keys: the UTF-8 bytes of each whole secret string, `whsec_` prefix included
    /// (<see cref="WebhookSecrets.SigningKey"/>). A receiver verifies with
    /// HMAC-SHA256(key: UTF-8(secret), message: "&lt;t&gt;." + raw body) and accepts any matching `v1`.
    /// </param>
    public static string SignatureHeader(IReadOnlyList<byte[]> secrets, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("A delivery is signed with at least one secret.", nameof(secrets));
        }

        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signedPrefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var header = new StringBuilder("t=").Append(timestamp);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var secret in secrets)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
            hmac.AppendData(signedPrefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(mac);
            header.Append(",v1=").Append(Convert.ToHexStringLower(mac));
        }

        return header.ToString();
    }
}
