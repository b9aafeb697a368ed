using System.Globalization;
using System.Text;
using Quartermaster.Chaos.Checks;
using static Quartermaster.Chaos.Report.Targets;

namespace Quartermaster.Chaos.Report;

/// <summary>The run as markdown: the figures per fault, the failures that explain them, the targets and the safety checks.</summary>
internal static class ReliabilityReport
{
    public static string Render(RunSummary run, IReadOnlyList<FaultMetrics> faults, IReadOnlyList<Target> targets, SafetyReport safety)
    {
        var md = new StringBuilder();
        md.AppendLine("# Reliability");
        md.AppendLine();
        md.AppendLine("Written by `scripts/chaos` (the figures below are from its last full run; run it again to reproduce them).");
        md.AppendLine("A real cluster as `scripts/cluster-up` starts it with the shipped configuration (3 silos, 2 API frontends,");
        md.AppendLine("PostgreSQL, Redis on loopback), a retrying client load through both frontends, one fault after another with");
        md.AppendLine("recovery between them, then the safety checks. See [How to read this](#how-to-read-this).");
        md.AppendLine();
        md.AppendLine("## Run");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- {run.Started:yyyy-MM-dd HH:mm} UTC, {run.Mode} run of {run.Minutes:0.0} min; {Environment.ProcessorCount} cores; .NET {Environment.Version}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load: {run.Tenants} tenants x {run.WorkersPerTenant} clients, each alternating between the two frontends (100 ms pause between operations): stock reads 30%, receipts 15%, holds 25% (a third released again), orders of 1-2 lines 20% (half confirmed), order reads 10%. Every POST carries an Idempotency-Key and a client-chosen id; a try without an answer, a 5xx, a 429 or a 409 `conflict` is retried through the other frontend for up to 60 s, and a frontend that refused a connection is passed over for 5 s (a load balancer's passive health check).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {run.Requests:N0} requests, {run.Operations:N0} operations, {run.Acknowledged:N0} acknowledged writes; {run.UnknownOutcomes} operations given up (outcome unknown to the client).");
        md.AppendLine();
        md.AppendLine("## Faults");
        md.AppendLine();
        md.AppendLine("| Fault | Target | Requests | Failed | 5xx not 503 | Error window s | Served again s | p99 ms before / during | POST p99 ms before / during | Declared dead s | Failed elsewhere | Longest wait s | Expiry, latest s after expiresAt |");
        md.AppendLine("|---|---|---:|---:|---:|---|---:|---|---|---:|---|---:|---:|");
        foreach (var f in faults)
        {
            var window = f.FirstFailure is { } first ? $"{S(first)} to {S(f.LastFailure!.Value)}" : "none";
            var dead = !f.Fault.HitsSilo ? "" : f.Fault.DeclaredDeadAfter is { } d ? S(d) : f.Fault.WatchedMembership ? "not declared" : "?";
            var elsewhere = !f.Fault.HitsSilo ? "" : f.Fault.TenantsElsewhere is { } t
                ? $"{f.FailedOfTenantsElsewhere} of {t.Count} tenants; {f.FailedStockRequestsElsewhere} of {f.StockRequestsElsewhere} stock requests"
                : "?";
            var retry = f.LongestWait is { } r ? S(r) : "";
            var expiry = !f.Fault.HitsSilo ? "" : f.ExpiryLatenessMax is { } late ? S(late) : $"{f.ProbesNotExpired} not expired";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Fault.Title} | {f.Fault.Target} | {f.Requests:N0} | {f.Failed:N0} | {f.Status500} | {window} | {S(f.RecoveredAfter)} | {Ms(f.P99Before)} / {Ms(f.P99During)} | {Ms(f.PostP99Before)} / {Ms(f.PostP99During)} | {dead} | {elsewhere} | {retry} | {expiry} |");
        }

        md.AppendLine();
        md.AppendLine("### What failed");
        md.AppendLine();
        foreach (var f in faults)
        {
            var failures = f.FailuresBy.Count == 0 ? "no failed request." : string.Join("; ", f.FailuresBy.Take(8).Select(x => $"{x.Count} x {x.Failure}")) + ".";
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{f.Fault.Title}** ({f.Fault.Target}, lifted {S(f.Fault.Lifted - f.Fault.Injected)} s after the injection): {failures}");
            var slow = f.RecoveredAfterByTenant.Where(t => t.Value > 0).OrderByDescending(t => t.Value).ToList();
            if (slow.Count > 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  Served again after (s): {string.Join(", ", slow.Select(t => $"{t.Key} {S(t.Value)}" + (f.Fault.TenantsElsewhere?.Contains(t.Key) == true ? " (grains elsewhere)" : "")))}.");
            }

            foreach (var note in f.Fault.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  {char.ToUpperInvariant(note[0])}{note[1..]}.");
            }
        }

        md.AppendLine();
        md.AppendLine("## Targets (issue 13, done means)");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Verdict |");
        md.AppendLine("|---|---|---|");
        foreach (var t in targets)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Goal} | {t.Measured} | {t.Verdict} |");
        }

        md.AppendLine();
        md.AppendLine("## Safety");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Invariant checker clean for {safety.InvariantReportsClean} of {safety.TenantsChecked} tenants.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Settings read back as created for {safety.SettingsIntact} of {safety.TenantsChecked} tenants.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Ledger replay: {safety.ItemsReplayed} stock items, {safety.EntriesReplayed:N0} entries, gapless and replaying to the items' levels unless listed below.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Acknowledged and found exactly once: {safety.ReceiptsFound:N0} receipts, {safety.HoldsFound:N0} holds, {safety.OrdersFound:N0} orders (each line held once).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Violations: {(safety.Ok ? "none" : safety.Violations.Count.ToString(CultureInfo.InvariantCulture))}.");
        foreach (var violation in safety.Violations.Take(20))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"  - {violation}");
        }

        md.AppendLine();
        md.AppendLine(HowToRead);
        return md.ToString();
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0", CultureInfo.InvariantCulture);

    private const string HowToRead = """
        ## How to read this

        - Every time is in seconds after the fault was injected. A fault's window runs from its injection to the
          next fault's (recovery and a settling pause included); "before" is the 15 s before the injection,
          "during" from the injection until the fault was lifted (at least 5 s).
        - **Requests** and **Failed** count single tries, so one operation retried five times is five requests.
          A failure is anything but a 2xx: no answer (connection refused or reset, or the client's 15 s timeout),
          a problem status, or a 409 `conflict` (an Idempotency-Key still in progress). "What failed" groups them
          by status, problem code and route.
        - **Error window**: the first failed try's start to the last failed try's end. **Served again**: for each
          tenant, the end of its first successful try after its last failed one; the column shows the slowest
          tenant (0 when no tenant saw a failure).
        - **Declared dead**: when the membership table in PostgreSQL marked that incarnation of the silo dead.
          A killed silo is started again once it is declared dead (or after 30 s); a frozen silo is continued
          after 45 s, and started again if it stopped itself meanwhile.
        - **Tenants elsewhere**: before a silo fault the tool asks the management grain where every activation
          lives; a tenant is elsewhere when none of its own grains (tenant, catalog, order index, API key, stock
          items) is on the target silo. Order and idempotency grains are left out: new ones land on any silo the
          cluster still believes alive. As few tenants have all their grains elsewhere, the column also counts
          the requests to single stock items (reads, receipts, holds) whose item grain and whose tenant's tenant,
          catalog and API key grains were all on other silos: failed of all such requests in the window.
        - **Longest wait**: of the operations that succeeded after the injection, the longest from the injection (or
          their start, if later) to their success, retries included: what the slowest client waited.
        - **Expiry**: before a silo fault, holds and orders with a 10 s lifetime are placed in a probe tenant and
          the silo hosting most of them is the one killed (the frozen silo is the one that leaves most tenants
          with no grain on it); the figure is the latest expiry (ledger `expire` entry or order history) after
          `expiresAt` of the probes on the hit silo (of all probes if none was there), on the service's clock.
          The contract's bound is 60 s.
        - **Safety** is checked once the load has stopped: the admin invariant checker per tenant, each tenant's
          settings read back as it was created (its order TTL), every stock item's ledger replayed (seq gapless,
          each entry's levels following from the last, the last equal to the item), and every acknowledged
          receipt, hold and order found exactly once through the API.
        """;
}
