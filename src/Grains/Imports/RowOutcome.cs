using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Grains.Imports;

/// <summary>What applying one row did: applied now, already there (skipped), or refused with its error.</summary>
internal readonly record struct RowOutcome(bool Applied, ImportError? Error)
{
    public static readonly RowOutcome Done = new(true, null);

    public static readonly RowOutcome Skipped = new(false, null);

    public static RowOutcome Failed(ImportError error) => new(false, error);
}
