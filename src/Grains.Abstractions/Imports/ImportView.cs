namespace Quartermaster.Grains.Abstractions.Imports;

/// <param name="Errors">The first <see cref="MaxErrors"/> rows that failed.</param>
[GenerateSerializer, Immutable]
[Alias("qm.ImportView")]
public sealed record ImportView(
    [property: Id(0)] string ImportId,
    [property: Id(1)] ImportKind Kind,
    [property: Id(2)] ImportStatus Status,
    [property: Id(3)] long RowsTotal,
    [property: Id(4)] long RowsApplied,
    [property: Id(5)] long RowsSkipped,
    [property: Id(6)] long RowsFailed,
    [property: Id(7)] IReadOnlyList<ImportError> Errors,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt)
{
    public const int MaxErrors = 1000;
}
