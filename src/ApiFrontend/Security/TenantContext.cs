using System.Security.Claims;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>The tenant the current request's key belongs to; only resolvable on tenant-policy routes.</summary>
public sealed class TenantContext(IHttpContextAccessor accessor)
{
    public string TenantId =>
        accessor.HttpContext?.User.FindFirstValue(QuartermasterClaims.TenantId)
        ?? throw new InvalidOperationException("No tenant on this request; is the route in the tenant group?");
}
