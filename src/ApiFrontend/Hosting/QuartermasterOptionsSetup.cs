using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>
/// Folds the documented environment variables into the options, and makes up keys only in embedded
/// (development) mode: elsewhere an admin key must be configured. The made-up keys are drawn once per process:
/// the options are built more than once (IOptions and IOptionsMonitor each build their own, and the monitor again
/// whenever configuration reloads), and every build must hold the key the banner printed.
/// </summary>
internal sealed class QuartermasterOptionsSetup(IConfiguration configuration, IHostEnvironment environment) : IPostConfigureOptions<QuartermasterOptions>
{
    private readonly Lazy<string> _madeUpAdminKey = new(() => "qm_admin_" + RandomKey());
    private readonly Lazy<string> _madeUpDemoKey = new(() => "qm_demo_" + RandomKey());

    public void PostConfigure(string? name, QuartermasterOptions options)
    {
        options.Hosting = HostingModes.Resolve(configuration, environment);
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
            options.AdminKeys.Add(_madeUpAdminKey.Value);
            options.AdminKeyGenerated = true;
        }

        options.DemoKey ??= _madeUpDemoKey.Value;
    }

    private static string RandomKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

internal sealed class QuartermasterOptionsValidation(IHostEnvironment environment) : IValidateOptions<QuartermasterOptions>
{
    public ValidateOptionsResult Validate(string? name, QuartermasterOptions options)
    {
        if (options.AdminKeys.Count == 0 || options.AdminKeys.Any(k => k.Length < 16))
        {
            return ValidateOptionsResult.Fail(
                "Quartermaster:AdminKeys (or QUARTERMASTER_ADMIN_KEY) must hold at least one admin key of 16 or more characters.");
        }

        if (!environment.IsDevelopment() && options.AdminKeys.Any(PlaceholderSecrets.IsPlaceholder))
        {
            return ValidateOptionsResult.Fail(
                "The admin key (Quartermaster:AdminKeys or QUARTERMASTER_ADMIN_KEY) is a placeholder from a template or the "
                + "documentation, and this is not Development: refusing to start. Generate one, e.g. `openssl rand -hex 32`.");
        }

        if (options.DemoKey is { } demoKey && !ApiKeyFormat.IsWellFormed(demoKey))
        {
            return ValidateOptionsResult.Fail(
                $"QUARTERMASTER_DEMO_KEY must look like an API key: '{ApiKeyFormat.Prefix}' and {ApiKeyFormat.MinLength}-{ApiKeyFormat.MaxLength} characters of A-Z, a-z, 0-9, '-' and '_'.");
        }

        return ValidateOptionsResult.Success;
    }
}
