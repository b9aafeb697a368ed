using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Abstractions.Idempotency;
using Quartermaster.Grains.Idempotency;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Idempotency;

public sealed class ResponseSealerTests
{
    private static readonly StoredResponse Response = new(201, "application/json",
        new Dictionary<string, string> { ["Location"] = "/api/v1/webhook-endpoints/we_1" },
        Encoding.UTF8.GetBytes("""{"endpointId":"we_1","secret":"whsec_not-to-be-kept-in-the-clear"}"""));

    private static ResponseSealer With(string? key) => new(Options.Create(new WebhookOptions { SecretKey = key }));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Opens_what_it_sealed_and_the_sealed_bytes_hide_the_secret()
    {
        var sealer = With(NewKey());

        var sealedResponse = sealer.Seal(Response);
        var opened = sealer.TryOpen(sealedResponse);

        Assert.DoesNotContain("whsec_", Encoding.UTF8.GetString(sealedResponse), StringComparison.Ordinal);
        Assert.NotNull(opened);
        Assert.Equal((Response.StatusCode, Response.ContentType), (opened.StatusCode, opened.ContentType));
        Assert.Equal(Response.Headers, opened.Headers);
        Assert.Equal(Response.Body, opened.Body);
    }

    [Fact]
    public void Another_key_an_altered_value_or_a_webhook_secret_sealed_with_the_same_key_is_not_opened()
    {
        var key = NewKey();
        var sealedResponse = With(key).Seal(Response);
        var altered = sealedResponse.ToArray();
        altered[^1] ^= 1;
        var protectedSecret = new WebhookSecretProtector(Options.Create(new WebhookOptions { SecretKey = key })).Protect("whsec_x");

        Assert.Null(With(NewKey()).TryOpen(sealedResponse));
        Assert.Null(With(key).TryOpen(altered));
        Assert.Null(With(key).TryOpen(sealedResponse[..20]));
        Assert.Null(With(key).TryOpen(Convert.FromBase64String(protectedSecret["v1:".Length..])));
    }
}
