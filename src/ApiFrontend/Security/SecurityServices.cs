using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Security;

public static class SecurityServices
{
    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IssuedKeyDirectory>();
        services.AddSingleton<RevokedKeyFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<RevokedKeyFeed>());
        services.AddSingleton<ApiKeyVerifier>();
        services.AddScoped<TenantContext>();
        services.AddAuthentication(QuartermasterClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(QuartermasterClaims.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(QuartermasterClaims.TenantPolicy, policy => policy.RequireClaim(QuartermasterClaims.TenantId))
            .AddPolicy(QuartermasterClaims.AdminPolicy, policy => policy.RequireClaim(ClaimTypes.Role, QuartermasterClaims.AdminRole));
        return services;
    }

    /// <summary>The scope of per-caller state such as Idempotency-Keys: the tenant, or the admin.</summary>
    public static string? CallerScope(this ClaimsPrincipal user) =>
        user.FindFirstValue(QuartermasterClaims.TenantId) ?? (user.IsInRole(QuartermasterClaims.AdminRole) ? GrainKeys.AdminIdempotencyScope : null);
}
