using Microsoft.Extensions.Options;

namespace Quartermaster.Grains.Orders;

/// <summary>`Quartermaster:Sweep`: how often the sweepers read what has fallen due.</summary>
public sealed class SweepOptions
{
    public const string Section = "Quartermaster:Sweep";

    /// <summary>
    /// How often an active sweeper reads its due orders, expired holds and (range 0) imports holding rows. With
    /// a dead silo's sweeper back within 10 s of the death being declared, what fell due is settled within
    /// (time to declare the death) + 11 s + this period (docs/operations.md), so at most 15 s keeps the
    /// contract's 60 s with room for a slow declaration.
    /// </summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class SweepOptionsValidation : IValidateOptions<SweepOptions>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    public ValidateOptionsResult Validate(string? name, SweepOptions options) =>
        options.Period >= Shortest && options.Period <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SweepOptions.Section}:{nameof(options.Period)} must be between {Shortest} and {Longest}, so that what falls due is swept within the contract's 60 s (was {options.Period}).");
}
