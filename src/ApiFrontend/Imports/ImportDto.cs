using System.ComponentModel;
using Quartermaster.Contracts.Imports;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.ApiFrontend.Imports;

public sealed record ImportErrorDto([property: AtLeast(0), Description("The file's line, counted from 1 (a CSV header included); 0 for the body as a whole.")] int Line, string Field, string Message);

/// <param name="Errors">The first 1,000 rows that failed, by line.</param>
public sealed record ImportDto(
    [property: ResourceId] string ImportId, ImportKind Kind, ImportRunStatus Status, [property: AtLeast(0)] long RowsTotal, [property: AtLeast(0)] long RowsApplied,
    [property: AtLeast(0)] long RowsSkipped, [property: AtLeast(0)] long RowsFailed,
    IReadOnlyList<ImportErrorDto> Errors, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt)
{
    public static ImportDto From(ImportView i) => new(
        i.ImportId, i.Kind, ImportRunStatuses.Of(i.Status), i.RowsTotal, i.RowsApplied, i.RowsSkipped, i.RowsFailed,
        i.Errors.Select(e => new ImportErrorDto(e.Line, e.Field, e.Message)).ToList(), i.StartedAt, i.FinishedAt);
}
