using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Quartermaster.ApiFrontend.Idempotency;
using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>What a replay answers when the sealed first response cannot be opened any more.</summary>
public sealed class SecretInResponseTests
{
    private static JsonElement Redact(string idField, string body, RouteValueDictionary route)
    {
        var original = new StoredResponse(200, "application/json", new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body));
        var redacted = new SecretInResponse(idField).Redacted(original, route);
        Assert.Equal((409, "application/problem+json"), (redacted.StatusCode, redacted.ContentType));
        return JsonDocument.Parse(redacted.Body).RootElement.Clone();
    }

    [Fact]
    public void A_rotation_is_named_by_its_route_and_a_creation_by_its_body_and_neither_shows_the_secret()
    {
        var rotated = Redact("endpointId", """{"secret":"whsec_rotated"}""", new RouteValueDictionary { ["endpointId"] = "we_1" });
        var created = Redact("keyId", """{"keyId":"key_1","key":"qm_created"}""", new RouteValueDictionary { ["tenantId"] = "acme" });

        Assert.Equal(("we_1", "conflict"), (rotated.GetProperty("endpointId").GetString(), rotated.GetProperty("code").GetString()));
        Assert.Equal("key_1", created.GetProperty("keyId").GetString());
        Assert.DoesNotContain("whsec_rotated", rotated.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("qm_created", created.GetRawText(), StringComparison.Ordinal);
    }
}
