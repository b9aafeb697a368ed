using Quartermaster.Chaos.Faults;
using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Report;

/// <summary>
/// What the load saw of one fault, from its injection to the next fault. Times are seconds after the
/// injection; latencies are of single tries in milliseconds, before = the 15 s before the fault, during = from
/// the injection until it was lifted (at least 5 s).
/// </summary>
internal sealed record FaultMetrics(
    FaultRecord Fault,
    int Requests,
    int Failed,
    int Status500,
    double? FirstFailure,
    double? LastFailure,
    IReadOnlyList<(string Failure, int Count)> FailuresBy,
    double RecoveredAfter,
    IReadOnlyDictionary<string, double> RecoveredAfterByTenant,
    double P99Before,
    double P99During,
    double PostP99Before,
    double PostP99During,
    int? FailedOfTenantsElsewhere,
    int? StockRequestsElsewhere,
    int? FailedStockRequestsElsewhere,
    double? LongestWait,
    int UnknownOutcomes,
    int FailedAfterReady,
    double? ExpiryLatenessMax,
    int ProbesOnTarget,
    int ProbesNotExpired)
{
    private const double BeforeSeconds = 15;
    private const double MinimumDuringSeconds = 5;
    public const double ReadyGraceSeconds = 5;

    public static FaultMetrics From(FaultRecord fault, IReadOnlyList<Attempt> attempts, IReadOnlyList<Operation> operations,
        IReadOnlyList<string> tenants, IReadOnlyDictionary<ExpiryProbe, double?> lateness)
    {
        var t0 = fault.Injected;
        var window = attempts.Where(a => a.StartedAt >= t0 && a.StartedAt < fault.End).ToList();
        var failed = window.Where(a => !a.Ok).ToList();
        var duringEnd = Math.Max(fault.Lifted, t0 + MinimumDuringSeconds);
        var before = attempts.Where(a => a.StartedAt >= t0 - BeforeSeconds && a.StartedAt < t0).ToList();
        var during = window.Where(a => a.StartedAt < duringEnd).ToList();
        var recovered = tenants.ToDictionary(t => t, t => TenantServedAgain(
            window.Where(a => a.Tenant == t && !a.Ok).ToList(), attempts.Where(a => a.Tenant == t && a.Ok && a.StartedAt >= t0).ToList(), t0));
        var succeeded = operations.Where(o => o.AnsweredAt is not null && o.Succeeded && o.AnsweredAt > t0 && o.StartedAt < fault.End).ToList();
        var elsewhere = fault.StockItemsElsewhere is { } items ? window.Where(a => StockItemOf(a) is { } item && items.Contains(item)).ToList() : null;
        var onTarget = fault.Probes.Where(p => $"silo{p.Silo}" == fault.Target).ToList();
        var measured = (onTarget.Count > 0 ? onTarget : fault.Probes).Select(p => lateness.GetValueOrDefault(p)).ToList();
        return new FaultMetrics(
            fault,
            window.Count,
            failed.Count,
            failed.Count(a => a.Status >= 500 && a.Status != 503),
            failed.Count == 0 ? null : failed.Min(a => a.StartedAt) - t0,
            failed.Count == 0 ? null : failed.Max(a => a.EndedAt) - t0,
            failed.GroupBy(a => a.Failure).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList(),
            recovered.Values.DefaultIfEmpty(0).Max(),
            recovered,
            P99(before),
            P99(during),
            P99(before.Where(a => a.Method == "POST")),
            P99(during.Where(a => a.Method == "POST")),
            fault.TenantsElsewhere is { } tenantsElsewhere ? failed.Count(a => tenantsElsewhere.Contains(a.Tenant)) : null,
            elsewhere?.Count,
            elsewhere?.Count(a => !a.Ok),
            succeeded.Count == 0 ? null : succeeded.Max(o => o.AnsweredAt!.Value - Math.Max(o.StartedAt, t0)),
            operations.Count(o => o.AnsweredAt is null && o.StartedAt >= t0 - RetryingClient.GiveUpAfter.TotalSeconds && o.StartedAt < fault.End),
            fault.Ready is { } ready ? failed.Count(a => a.StartedAt > ready + ReadyGraceSeconds) : 0,
            measured.Count == 0 || measured.Any(m => m is null) ? null : measured.Max(),
            onTarget.Count,
            measured.Count(m => m is null));
    }

    /// <summary>
    /// When the tenant was served again: the end of its first successful try that began after its last failed
    /// one began; 0 when it saw no failure.
    /// </summary>
    private static double TenantServedAgain(IReadOnlyList<Attempt> failures, IReadOnlyList<Attempt> successes, double t0)
    {
        var lastFailure = failures.Select(a => (double?)a.StartedAt).Max();
        if (lastFailure is null)
        {
            return 0;
        }

        var next = successes.Where(a => a.StartedAt > lastFailure).OrderBy(a => a.StartedAt).FirstOrDefault();
        return next is null ? double.PositiveInfinity : next.EndedAt - t0;
    }

    /// <summary>"tenant/sku" of a request to one stock item (its read, receipts, holds), else null.</summary>
    private static string? StockItemOf(Attempt attempt)
    {
        var parts = attempt.Path.Split('/');
        return parts.Length >= 6 && parts[3] == "stock" && parts[4] != "transfers" ? $"{attempt.Tenant}/{parts[4]}" : null;
    }

    private static double P99(IEnumerable<Attempt> attempts)
    {
        var sorted = attempts.Select(a => a.LatencyMs).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
    }
}
