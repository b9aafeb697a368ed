using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.ServiceDefaults.Hosting;
using StackExchange.Redis;

namespace Quartermaster.ApiFrontend.Operator;

public static class OperatorServices
{
    /// <summary>Where the frontends keep the keys that protect session and antiforgery cookies, when Redis is configured.</summary>
    public const string DataProtectionRedisKey = "quartermaster:data-protection-keys";

    /// <summary>
    /// The admin sign-in for browsers: an HttpOnly, Secure, SameSite=Strict session cookie that only the operator
    /// pages and the dashboard accept (never the API), and antiforgery tokens on the sign-in and sign-out forms.
    /// </summary>
    public static IServiceCollection AddOperatorPages(this IServiceCollection services, StorageConnections connections)
    {
        services.AddOptions<AdminSessionOptions>().BindConfiguration(AdminSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication()
            .AddCookie(OperatorSchemes.Session)
            .AddPolicyScheme(OperatorSchemes.Selector, "API key, or the admin session on operator pages", options =>
                options.ForwardDefaultSelector = context =>
                    OperatorPaths.AcceptSession(context.Request.Path) && !context.Request.Headers.ContainsKey("Authorization")
                        ? OperatorSchemes.Session
                        : QuartermasterClaims.Scheme);
        services.PostConfigure<AuthenticationOptions>(options => options.DefaultScheme = OperatorSchemes.Selector);
        services.AddOptions<CookieAuthenticationOptions>(OperatorSchemes.Session)
            .Configure<IOptions<AdminSessionOptions>>((options, session) => ConfigureSession(options, session.Value));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = OperatorSchemes.AntiforgeryCookie;
            // Secure whenever the request is (antiforgery refuses to run at all with Always over http://localhost).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = OperatorSchemes.AntiforgeryField;
        });

        // Every frontend must read the cookies the others issued, so the keys that protect them are shared.
        services.AddDataProtection().SetApplicationName("quartermaster");
        if (connections.Redis is not null)
        {
            services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionRedisKey));
        }

        return services;
    }

    private static void ConfigureSession(CookieAuthenticationOptions options, AdminSessionOptions session)
    {
        options.Cookie.Name = OperatorSchemes.SessionCookie;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.ExpireTimeSpan = TimeSpan.FromMinutes(session.LifetimeMinutes);
        options.SlidingExpiration = false;
        options.LoginPath = OperatorPaths.SignIn;
        options.LogoutPath = OperatorPaths.SignOut;
        options.AccessDeniedPath = OperatorPaths.SignIn;
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = async context =>
        {
            var admin = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<QuartermasterOptions>>().CurrentValue;
            if (!AdminKeyFingerprint.IsStillConfigured(context.Principal, admin.AdminKeys))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(OperatorSchemes.Session);
            }
        };
    }
}
