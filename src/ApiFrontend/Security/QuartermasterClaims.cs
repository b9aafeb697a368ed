namespace Quartermaster.ApiFrontend.Security;

public static class QuartermasterClaims
{
    public const string Scheme = "ApiKey";
    public const string TenantId = "qm:tenant";
    public const string KeyId = "qm:key";
    public const string AdminRole = "admin";
    public const string TenantPolicy = "tenant";
    public const string AdminPolicy = "admin";
}
