using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Examples.Webhooks;

/// <summary>Checks the <c>Quartermaster-Signature</c> header of a webhook delivery (BCL only).</summary>
public static class WebhookSignature
{
    /// <summary>
    /// True when <paramref name="signatureHeader"/> (<c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=...]</c>) has a
    /// timestamp within <paramref name="tolerance"/> of <paramref name="now"/> and at least one <c>v1</c> equal to
    /// HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;"). <paramref name="body"/> is the raw request body, exactly as
    /// received; <paramref name="secret"/> is the whole <c>whsec_...</c> string.
    /// </summary>
    public static bool Verify(
        string secret, string signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signatureHeader))
        {
            return false;
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in signatureHeader.Split(','))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (name == "t")
            {
                if (timestamp is not null || value.Length is 0 or > 18 || !value.All(char.IsAsciiDigit))
                {
                    return false;
                }

                timestamp = value;
            }
            else if (name == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }

            // Other schemes (a future v2) are ignored, as is a v1 that is not 64 hex digits: it cannot match.
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return false;
        }

        var age = now.ToUnixTimeSeconds() - long.Parse(timestamp, CultureInfo.InvariantCulture);
        if (Math.Abs(age) > tolerance.TotalSeconds)
        {
            return false;
        }

        // The signed message: the timestamp as sent, '.', then the body's bytes.
        var message = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", message);
        body.CopyTo(message.AsSpan(timestamp.Length + 1));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);

        var valid = false;
        foreach (var signature in signatures)
        {
            valid |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        return valid;
    }
}
