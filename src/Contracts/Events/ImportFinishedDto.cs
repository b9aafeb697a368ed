using Quartermaster.Contracts.Imports;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Contracts.Events;

/// <summary>An import that finished: its outcome and counts. Its errors are not carried (up to 1,000 of them): GET the import.</summary>
public sealed record ImportFinishedDto(
    string ImportId, ImportKind Kind, ImportRunStatus Status, long RowsTotal, long RowsApplied, long RowsSkipped, long RowsFailed,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public static ImportFinishedDto Of(ImportView i) =>
        new(i.ImportId, i.Kind, ImportRunStatuses.Of(i.Status), i.RowsTotal, i.RowsApplied, i.RowsSkipped, i.RowsFailed, i.StartedAt, i.FinishedAt);
}
