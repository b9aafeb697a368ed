namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// Asks again whether the key a long-lived response was opened with still belongs to its tenant. A request is
/// authenticated once, when it arrives, but an event stream stays open for hours, and a revoked key must stop
/// working within seconds on every frontend, its open streams included. The answer comes from the same
/// <see cref="ApiKeyVerifier"/> as every request's, cached the same way, so asking often costs a hash.
/// </summary>
internal sealed class KeyRecheck(ApiKeyVerifier verifier, string key, string tenantId)
{
    public static KeyRecheck Of(HttpRequest request, ApiKeyVerifier verifier, string tenantId) =>
        new(verifier, ApiKeyAuthenticationHandler.KeyOf(request) ?? "", tenantId);

    public async Task<bool> StillValidAsync(CancellationToken cancellationToken) =>
        (await verifier.FindTenantAsync(key, cancellationToken))?.TenantId == tenantId;
}
