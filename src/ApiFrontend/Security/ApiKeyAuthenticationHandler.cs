using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Problems;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>Reads `Authorization: Bearer &lt;key&gt;` and answers 401/403 as problems.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (OperationsPaths.Contains(Request.Path))
        {
            return AuthenticateResult.NoResult();
        }

        if (KeyOf(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (key.Length is 0 or > 512)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        if (verifier.IsAdmin(key))
        {
            return Success(new Claim(ClaimTypes.Role, QuartermasterClaims.AdminRole));
        }

        return await verifier.FindTenantAsync(key, Context.RequestAborted) is { } identity
            ? Success(new Claim(QuartermasterClaims.TenantId, identity.TenantId), new Claim(QuartermasterClaims.KeyId, identity.KeyId))
            : AuthenticateResult.Fail("Unknown API key.");
    }

    /// <summary>The key of `Authorization: Bearer &lt;key&gt;`, or null when the request presents none.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Unauthorized().ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Forbidden().ExecuteAsync(Context);

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, QuartermasterClaims.Scheme)), QuartermasterClaims.Scheme));
}
