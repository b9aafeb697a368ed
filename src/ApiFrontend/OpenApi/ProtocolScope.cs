using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>Which operations are the API (key, rate limit, idempotency) and which of them are a tenant's.</summary>
internal static class ProtocolScope
{
    public static bool IsApi(ApiDescription description) =>
        description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsTenant(ApiDescription description) =>
        IsApi(description) && description.RelativePath?.StartsWith("api/v1/admin", StringComparison.OrdinalIgnoreCase) != true;
}
