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

    private const string Binding = "t1/key-1\nfp-1";

    private static ResponseSealer With(string? key) => new(Options.Create(new WebhookOptions { SecretKey = key }));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Opens_what_it_sealed_and_the_sealed_bytes_hide_the_secret()
    {
        var sealer = With(NewKey());

        var sealedResponse = sealer.Seal(Response, Binding);
        var opened = sealer.TryOpen(sealedResponse, Binding);

        Assert.DoesNotContain("whsec_", Encoding.UTF8.GetString(sealedResponse), StringComparison.Ordinal);
        Assert.NotNull(opened);
        Assert.Equal((Response.StatusCode, Response.ContentType), (opened.StatusCode, opened.ContentType));
        Assert.Equal(Response.Headers, opened.Headers);
        Assert.Equal(Response.Body, opened.Body);
    }

    [Fact]
    public void Another_key_an_altered_value_a_webhook_secret_or_a_response_sealed_for_another_request_is_not_opened()
    {
        var key = NewKey();
        var sealedResponse = With(key).Seal(Response, Binding);
        var altered = sealedResponse.ToArray();
        altered[^1] ^= 1;
        var protectedSecret = new WebhookSecretProtector(Options.Create(new WebhookOptions { SecretKey = key })).Protect("whsec_x");

        Assert.NotNull(With(key).TryOpen(sealedResponse, Binding));
        Assert.Null(With(NewKey()).TryOpen(sealedResponse, Binding));
        Assert.Null(With(key).TryOpen(altered, Binding));
        Assert.Null(With(key).TryOpen(sealedResponse[..20], Binding));
        Assert.Null(With(key).TryOpen(Convert.FromBase64String(protectedSecret["v1:".Length..]), Binding));
        Assert.Null(With(key).TryOpen(sealedResponse, "t2/key-1\nfp-1"));
        Assert.Null(With(key).TryOpen(sealedResponse, "t1/key-1\nfp-2"));
    }
}
