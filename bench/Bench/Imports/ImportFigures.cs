using System.Globalization;

namespace Quartermaster.Bench.Imports;

/// <summary>
/// A receipts CSV imported into a seeded tenant, then posted again; and the same tenant's hold latency while idle
/// and while the first import ran.
/// </summary>
internal sealed record ImportFigures(
    long Rows, TimeSpan FirstTook, string FirstStatus, long Applied, long Failed, TimeSpan SecondTook, long SkippedSecondTime, long AppliedSecondTime,
    bool LedgerMatches, double IdleHoldP99Ms, double DuringHoldP99Ms, TimeSpan DuringWindow)
{
    public bool Correct => FirstStatus == "succeeded" && Applied == Rows && Failed == 0 && SkippedSecondTime == Rows && AppliedSecondTime == 0 && LedgerMatches;

    public double HoldP99Ratio => DuringHoldP99Ms / IdleHoldP99Ms;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"imports: {Rows:N0} receipt rows (CSV) imported in {FirstTook.TotalSeconds:F1} s from the POST to finished ({Rows / FirstTook.TotalSeconds:N0} rows/s), "
        + $"{FirstStatus}, {Applied:N0} applied, {Failed:N0} failed; the same file again: {SkippedSecondTime:N0} skipped, {AppliedSecondTime:N0} applied, "
        + $"in {SecondTook.TotalSeconds:F1} s; ledger {(LedgerMatches ? "one receipt per row" : "DIFFERS from the rows")}; "
        + $"the tenant's hold p99 {IdleHoldP99Ms:F1} ms idle, {DuringHoldP99Ms:F1} ms during the import ({HoldP99Ratio:F2}x, measured over {DuringWindow.TotalSeconds:F0} s of it)");
}
