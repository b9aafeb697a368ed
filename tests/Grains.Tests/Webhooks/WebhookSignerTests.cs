using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    private const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private const string OtherSecret = "whsec_ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"evt_1","type":"stock.low","data":{"name":"Café"}}""");

    private static string Independent(string secret, long t, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.ASCII.GetBytes($"{t}."), .. body]));
    }

    [Fact]
    public void Signs_the_timestamp_and_raw_body_with_the_whole_secret_string_as_key()
    {
        var header = WebhookSigner.SignatureHeader([WebhookSecrets.SigningKey(Secret)], 1_700_000_000, Body);

        Assert.Equal($"t=1700000000,v1={Independent(Secret, 1_700_000_000, Body)}", header);
        // Pinned from another implementation, so a shared mistake in both computations above cannot pass.
        Assert.Equal("t=1700000000,v1=ec57f6f17ef94a34b423a3f2e3119f79d313b9de6fd8375dc85fabbe4326da4d", header);
    }

    [Fact]
    public void Two_live_secrets_give_two_signatures_in_the_order_given()
    {
        var header = WebhookSigner.SignatureHeader(
            [WebhookSecrets.SigningKey(OtherSecret), WebhookSecrets.SigningKey(Secret)], 1_700_000_000, Body);

        Assert.Equal(
            "t=1700000000,v1=24d60a03b3cc86bff33e3abada742a18b57e89d04a123bebf58991383bc22101"
            + ",v1=ec57f6f17ef94a34b423a3f2e3119f79d313b9de6fd8375dc85fabbe4326da4d",
            header);
    }

    [Fact]
    public void A_different_body_or_timestamp_changes_the_signature()
    {
        var key = WebhookSecrets.SigningKey(Secret);
        var original = WebhookSigner.SignatureHeader([key], 1_700_000_000, Body);

        Assert.NotEqual(original, WebhookSigner.SignatureHeader([key], 1_700_000_000, [.. Body, (byte)' ']));
        Assert.NotEqual(original[16..], WebhookSigner.SignatureHeader([key], 1_700_000_001, Body)[16..]);
    }

    [Fact]
    public void Signing_without_a_secret_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => WebhookSigner.SignatureHeader([], 1, Body));
    }

    [Fact]
    public void New_secrets_are_whsec_and_43_base64url_characters_and_differ()
    {
        var first = WebhookSecrets.New();
        var second = WebhookSecrets.New();

        Assert.Matches(new Regex("^whsec_[A-Za-z0-9_-]{43}$"), first);
        Assert.Matches(new Regex("^whsec_[A-Za-z0-9_-]{43}$"), second);
        Assert.NotEqual(first, second);
        Assert.Equal(32, Convert.FromBase64String(first[6..].Replace('-', '+').Replace('_', '/') + "=").Length);
    }
}
