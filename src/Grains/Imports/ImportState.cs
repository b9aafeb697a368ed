using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Imports;

/// <summary>The write that finishes the import carries import.finished.</summary>
[GenerateSerializer]
[Alias("qm.ImportState")]
public sealed class ImportState : EventCarryingState
{
    [Id(0)]
    public ImportKind Kind { get; set; }

    [Id(1)]
    public ImportStatus Status { get; set; }

    [Id(2)]
    public int MaxWarehouses { get; set; }

    /// <summary>Chunks stored; chunk numbers run from 0.</summary>
    [Id(3)]
    public int Chunks { get; set; }

    /// <summary>Every chunk before this one is applied and counted.</summary>
    [Id(4)]
    public int NextChunk { get; set; }

    [Id(5)]
    public long RowsTotal { get; set; }

    [Id(6)]
    public long RowsApplied { get; set; }

    [Id(7)]
    public long RowsSkipped { get; set; }

    [Id(8)]
    public long RowsFailed { get; set; }

    [Id(9)]
    public List<ImportError> Errors { get; set; } = [];

    [Id(10)]
    public DateTimeOffset StartedAt { get; set; }

    [Id(11)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// Counts each line of <paramref name="errors"/> as one failed row (a row may have several errors) and keeps the
    /// errors of the first lines: the whole file is read (and its unreadable rows found) before any row is applied,
    /// so keeping the first to arrive would hide an early row that fails when applied behind later ones.
    /// </summary>
    public void Fail(IReadOnlyList<ImportError> errors)
    {
        RowsFailed += errors.Select(e => e.Line).Distinct().Count();
        // Once full, the list is in line order, so errors of later lines (every applied row's, in a file that fails
        // throughout) are passed over without sorting a thousand kept ones again for each.
        if (Errors.Count >= ImportView.MaxErrors && errors.All(e => e.Line >= Errors[^1].Line))
        {
            return;
        }

        Errors.AddRange(errors);
        if (Errors.Count >= ImportView.MaxErrors)
        {
            Errors = [.. Errors.OrderBy(e => e.Line).Take(ImportView.MaxErrors)];
        }
    }

    public ImportView View(string importId) =>
        new(importId, Kind, Status, RowsTotal, RowsApplied, RowsSkipped, RowsFailed, [.. Errors.OrderBy(e => e.Line)], StartedAt, FinishedAt);
}
