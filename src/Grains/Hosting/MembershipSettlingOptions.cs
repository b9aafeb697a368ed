using Microsoft.Extensions.Options;

namespace Quartermaster.Grains.Hosting;

/// <summary>`Quartermaster:Membership`: how long reads keep confirming against storage after a membership change.</summary>
public sealed class MembershipSettlingOptions
{
    public const string Section = "Quartermaster:Membership";

    /// <summary>
    /// For this long after each membership change a silo sees, every stock and order read confirms its
    /// activation against storage; afterwards an activation not confirmed since the change confirms once.
    /// Longer than a directory hand-off and the removal of the duplicates it finds usually take. Zero keeps
    /// only the one confirmation after each change.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(15);
}

internal sealed class MembershipSettlingOptionsValidation : IValidateOptions<MembershipSettlingOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, MembershipSettlingOptions options) =>
        options.SettleTime >= TimeSpan.Zero && options.SettleTime <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{MembershipSettlingOptions.Section}:{nameof(options.SettleTime)} must be between 00:00:00 and {Longest} (was {options.SettleTime}).");
}
