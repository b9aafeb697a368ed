using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Webhooks;

public sealed class WebhookSecretProtectorTests
{
    private static WebhookSecretProtector With(string? key) => new(Options.Create(new WebhookOptions { SecretKey = key }));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Round_trips_and_hides_the_secret()
    {
        var protector = With(NewKey());
        var secret = WebhookSecrets.New();

        var stored = protector.Protect(secret);

        Assert.StartsWith("v1:", stored);
        Assert.DoesNotContain(secret[6..], stored);
        Assert.NotEqual(stored, protector.Protect(secret));
        Assert.Equal(secret, protector.Unprotect(stored));
        Assert.True(protector.HasConfiguredKey);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(30)]
    [InlineData(-1)]
    public void Any_altered_byte_is_refused(int index)
    {
        var protector = With(NewKey());
        var stored = protector.Protect(WebhookSecrets.New());
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[index < 0 ? bytes.Length - 1 : index] ^= 0x01;

        var refused = Assert.Throws<WebhookSecretProtectionException>(() => protector.Unprotect("v1:" + Convert.ToBase64String(bytes)));
        Assert.Contains("altered", refused.Message);
    }

    [Fact]
    public void Another_key_is_refused()
    {
        var stored = With(NewKey()).Protect(WebhookSecrets.New());

        Assert.Throws<WebhookSecretProtectionException>(() => With(NewKey()).Unprotect(stored));
    }

    [Theory]
    [InlineData("whsec_plain")]
    [InlineData("v2:AAAA")]
    [InlineData("v1:not base64!")]
    [InlineData("v1:AAAA")]
    public void Values_that_are_not_ours_are_refused(string value)
    {
        Assert.Throws<WebhookSecretProtectionException>(() => With(NewKey()).Unprotect(value));
    }

    [Fact]
    public void Without_a_configured_key_protectors_of_one_process_share_a_key()
    {
        var writer = With(null);
        var secret = WebhookSecrets.New();

        Assert.False(writer.HasConfiguredKey);
        Assert.Equal(secret, With("  ").Unprotect(writer.Protect(secret)));
        Assert.Throws<WebhookSecretProtectionException>(() => With(NewKey()).Unprotect(writer.Protect(secret)));
    }
}
