using Quartermaster.Contracts.Imports;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.ApiFrontend.Imports;

public sealed record ImportErrorDto(int Line, string Field, string Message);

/// <param name="Errors">The first 1,000 rows that failed, by line.</param>
public sealed record ImportDto(
    string ImportId, ImportKind Kind, ImportRunStatus Status, long RowsTotal, long RowsApplied, long RowsSkipped, long RowsFailed,
    IReadOnlyList<ImportErrorDto> Errors, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public static ImportDto From(ImportView i) => new(
        i.ImportId, i.Kind, ImportRunStatuses.Of(i.Status), i.RowsTotal, i.RowsApplied, i.RowsSkipped, i.RowsFailed,
        i.Errors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Message)).ToList(), i.StartedAt, i.FinishedAt);
}
