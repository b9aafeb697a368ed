using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>
/// Folds the documented environment variables into the options, and makes up keys only in embedded
/// (development) mode: elsewhere an admin key must be configured.
/// </summary>
internal sealed class QuartermasterOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<QuartermasterOptions>
{
    public void PostConfigure(string? name, QuartermasterOptions options)
    {
        if (configuration["QUARTERMASTER_ADMIN_KEY"] is { Length: > 0 } adminKey && !options.AdminKeys.Contains(adminKey))
        {
            options.AdminKeys.Add(adminKey);
        }

        options.DemoKey ??= configuration["QUARTERMASTER_DEMO_KEY"] is { Length: > 0 } demoKey ? demoKey : null;
        if (options.Hosting != HostingMode.Embedded)
        {
            return;
        }

        if (options.AdminKeys.Count == 0)
        {
            options.AdminKeys.Add("qm_admin_" + RandomKey());
        }

        options.DemoKey ??= "qm_demo_" + RandomKey();
    }

    private static string RandomKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

internal sealed class QuartermasterOptionsValidation : IValidateOptions<QuartermasterOptions>
{
    public ValidateOptionsResult Validate(string? name, QuartermasterOptions options) =>
        options.AdminKeys.Count == 0 || options.AdminKeys.Any(k => k.Length < 16)
            ? ValidateOptionsResult.Fail(
                "Quartermaster:AdminKeys (or QUARTERMASTER_ADMIN_KEY) must hold at least one admin key of 16 or more characters.")
            : ValidateOptionsResult.Success;
}
