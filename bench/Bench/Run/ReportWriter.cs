using System.Globalization;
using System.Text;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Run;

/// <summary>Formats a run for the terminal and as docs/benchmarks.md.</summary>
internal static class ReportWriter
{
    public static string ConsoleLine(LoadResult r) => Invariant(
        $"{r.Workload,-22} {r.Engine,-14} {r.AcknowledgedPerSecond,9:N0} ok/s  p50 {r.Percentile(0.5),7:F1}  p95 {r.Percentile(0.95),7:F1}  p99 {r.Percentile(0.99),7:F1}  max {r.Max,8:F1} ms  ok {r.Acknowledged}  409 {r.Refused}  errors {r.Errors}{ErrorDetail(r)}");

    public static string DatabaseLine(DatabaseWork w) => Invariant(
        $"{w.Workload,-22} {w.Engine,-14} PostgreSQL per acknowledged request: {w.CommitsPerOperation,6:F2} commits, {(w.StatementsPerOperation is { } st ? st.ToString("F2", CultureInfo.InvariantCulture) : "n/a"),6} statements{(w.Settled ? string.Empty : " (not settled: lower bounds)")}");

    public static string Console(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{"workload",-22} {"engine",-14} {"ok/s",9}  {"p50",7}  {"p95",7}  {"p99",7}  {"max",8} ms  counts"));
        foreach (var result in report.Results)
        {
            text.AppendLine(ConsoleLine(result));
        }

        text.AppendLine();
        foreach (var work in report.DatabaseWork)
        {
            text.AppendLine(DatabaseLine(work));
        }

        text.AppendLine();
        foreach (var workload in report.Workloads)
        {
            text.AppendLine(Invariant($"{workload,-22} quartermaster / sql-update {Ratio(report, workload, Engine.SqlUpdate),6}   quartermaster / redis-lock {Ratio(report, workload, Engine.RedisLock),6}"));
        }

        text.AppendLine();
        foreach (var check in report.Checks)
        {
            text.AppendLine(check.ToString());
        }

        if (report.Memory is { } memory)
        {
            text.AppendLine(memory.Summary);
        }

        text.AppendLine();
        var targets = report.Targets().ToList();
        if (targets.Count == 0)
        {
            text.AppendLine("targets: not judged (smoke or partial run)");
        }

        foreach (var target in targets)
        {
            text.AppendLine(Invariant($"target {(target.Met ? "met   " : "MISSED")}  {target.Goal}: {target.Measured}"));
        }

        text.Append(Invariant($"benchmark finished in {report.Elapsed.TotalMinutes:F1} min; correctness {(report.CorrectnessHolds ? "OK" : "FAILED")}"));
        return text.ToString();
    }

    public static string Markdown(BenchReport report)
    {
        var m = report.Machine;
        var s = report.Settings;
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine("Written by `scripts/bench` (the figures below are from its last run; run it again to reproduce them).");
        text.AppendLine("Quartermaster and both baselines are served by one process with the same HTTP pipeline (API-key");
        text.AppendLine("authentication, per-tenant rate limiting, idempotency middleware, telemetry); only what happens after");
        text.AppendLine("the endpoint differs. See [How to read these figures](#how-to-read-these-figures).");
        text.AppendLine();
        text.AppendLine("## Machine and settings");
        text.AppendLine();
        text.AppendLine(Invariant($"- Machine: {m.Cpu}, {m.Cores} cores, {m.Memory} RAM; {m.Os}; {m.Runtime}."));
        text.AppendLine(Invariant($"- {m.Postgres} with {m.PostgresDurability}; {m.Redis} (append-only file, fsync every second)."));
        text.AppendLine(Invariant($"- Server: one process; silo co-hosted with the API frontend; business state in PostgreSQL, ephemeral state in Redis; server GC."));
        text.AppendLine(Invariant($"- Load: {s.Clients} closed-loop HTTP/1.1 clients in a separate process on the same machine; {s.WarmUp.TotalSeconds:F0} s warm-up, then {s.Window.TotalSeconds:F0} s measured per workload and engine; engines interleaved per workload."));
        text.AppendLine(Invariant($"- Data: one tenant; {s.Skus:N0} SKUs x {s.Warehouses} warehouses = {s.Skus * s.Warehouses:N0} stock items per engine, plus one hot item."));
        text.AppendLine(Invariant($"- Run took {report.Elapsed.TotalMinutes:F1} min{(s.Smoke ? " (smoke run: small and short, figures not meaningful)" : string.Empty)}."));
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine("| Workload | Engine | ok/s | p50 ms | p95 ms | p99 ms | max ms | ok | 409 | errors |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in report.Results)
        {
            text.AppendLine(Invariant(
                $"| {r.Workload} | {r.Engine} | {r.AcknowledgedPerSecond:N0} | {r.Percentile(0.5):F1} | {r.Percentile(0.95):F1} | {r.Percentile(0.99):F1} | {r.Max:F1} | {r.Acknowledged:N0} | {r.Refused:N0} | {r.Errors:N0}{ErrorDetail(r)} |"));
        }

        text.AppendLine();
        text.AppendLine("Throughput ratios (acknowledged per second):");
        text.AppendLine();
        text.AppendLine("| Workload | Quartermaster / sql-update | Quartermaster / redis-lock |");
        text.AppendLine("|---|---:|---:|");
        foreach (var workload in report.Workloads)
        {
            text.AppendLine(Invariant($"| {workload} | {Ratio(report, workload, Engine.SqlUpdate)} | {Ratio(report, workload, Engine.RedisLock)} |"));
        }

        text.AppendLine();
        text.AppendLine("PostgreSQL's work per acknowledged request (deltas of `pg_stat_database.xact_commit` and of");
        text.AppendLine("`pg_stat_statements` calls other than transaction control, over the whole workload including its warm-up,");
        text.AppendLine("read after the counters settled; everything the database did in that time counts, reminders and membership included):");
        text.AppendLine();
        text.AppendLine("| Workload | Engine | commits / request | statements / request |");
        text.AppendLine("|---|---|---:|---:|");
        foreach (var w in report.DatabaseWork)
        {
            text.AppendLine(Invariant(
                $"| {w.Workload} | {w.Engine} | {w.CommitsPerOperation:F2} | {(w.StatementsPerOperation is { } st ? st.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}{(w.Settled ? string.Empty : " (lower bound)")} |"));
        }

        text.AppendLine();
        text.AppendLine("## Correctness after the runs");
        text.AppendLine();
        foreach (var check in report.Checks)
        {
            text.AppendLine($"- {check}");
        }

        if (report.Memory is { } memory)
        {
            text.AppendLine();
            text.AppendLine("## Memory");
            text.AppendLine();
            text.AppendLine(memory.Summary);
        }

        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        text.AppendLine("| Target | Measured | |");
        text.AppendLine("|---|---|---|");
        foreach (var target in report.Targets())
        {
            text.AppendLine(Invariant($"| {target.Goal} | {target.Measured} | {(target.Met ? "met" : "**missed**")} |"));
        }

        text.AppendLine();
        text.Append(Explanation);
        return text.ToString();
    }

    private const string Explanation = """
        ## How to read these figures

        - **Engines.** `quartermaster` is the service itself: one stock-item grain per (tenant, sku, warehouse)
          applies commands in memory and writes each batch of them in one PostgreSQL transaction (group
          commit); every caller is answered after its batch commits. `sql-update` (baseline 2) runs one
          conditional `UPDATE ... WHERE on_hand - reserved >= n` per line with the ledger and hold inserts in
          the same transaction. `redis-lock` (baseline 1) is the design being replaced: a Redis lock key per
          item (`SET NX PX`, random token, owner-only release), then read-modify-write in PostgreSQL. All
          three write the same ledger and are durable when they answer.
        - **Workloads.** hot-SKU holds of 1 on one item; uniform 3-line orders; stock reads; a 70/20/10 mix of
          reads, holds and orders; and the order lifecycle, where each client places a 3-line order, confirms it
          and ships it (three requests an order; the baselines confirm with one conditional `UPDATE` and ship
          in one transaction that commits every line's hold, `redis-lock` under the order's and items' locks).
        - **ok/s** counts acknowledged (2xx) answers in the measured window. **409** are refusals by the
          rules (insufficient stock); **errors** are anything else (for `redis-lock`, 503 `lock_timeout`
          when the lock is not won within its deadline).
        - **PostgreSQL's work** is PostgreSQL's own count: committed transactions from `pg_stat_database` and
          executed statements from `pg_stat_statements` (transaction control excluded; the statements Npgsql
          sends to reset a pooled connection are included, since the server runs them), over the whole
          workload, read 11 s after it so every backend has published its counts, and divided by the
          acknowledged requests.
        - **Correctness** is checked after every run: Quartermaster's admin invariant checker (every ledger
          replayed against its levels and holds, every order's holds), each baseline's equivalent check,
          and the hot item reconciled against the client's own count of acknowledged holds.
        - **Noise.** The load generator, the server, PostgreSQL and Redis share the machine's cores, so
          absolute figures are lower than on separate machines; ratios are taken within one run.

        ## Where the time goes

        Profiled with the span summary the server keeps when started with `QM_BENCH_SPANS=1` (count and
        mean duration of every HTTP, grain-call, storage and PostgreSQL span, at `GET /bench/spans`):
        `QM_BENCH_SPANS=1 scripts/bench --only orders --seconds 15`, then curl the server's URL it prints.

        - **Hot SKU.** Group commit does its job: one storage write per batch of about ten holds, one
          PostgreSQL statement per write (levels, holds and ledger in one conditional statement). The two
          cores are saturated by the HTTP pipeline (API-key check, rate-limit lease, JSON, tracing), the
          load generator and PostgreSQL; both baselines serialise on the one row (a row lock or a Redis
          lock plus retries), so they stay near one commit at a time.
        - **Uniform orders.** An order is several durable PostgreSQL transactions by design (rule 4 of the
          design: the order's intent, its guard reminder's row, one hold write per line, the final state,
          plus the order's first read), where `sql-update` does one transaction per order. With both cores
          saturated (about one core in the server, most of the other in PostgreSQL), that ratio is the
          result. What would close the gap: coalescing the writes of many grains into one PostgreSQL
          transaction (group commit across grains, not only within one), and one guard sweep per tenant
          over the orders table instead of a reminder row per order; and PostgreSQL on cores of its own.
        - **Reads** never touch PostgreSQL (the grain answers from memory); the cost is the HTTP pipeline
          on cores shared with the load generator.
        - **Memory.** About half of each active stock item's footprint is Orleans' own per-activation cost
          (an empty grain: about 1.9 KB managed; a million of them alone exceed 2 GB resident); the rest is
          the grain, its persistent-state plumbing and its state (levels, ledger, holds). Meeting 2 GB per
          silo means fewer active items per silo (idle collection, more silos under the HPA) or a coarser
          grain; keeping only the ledger's tail in memory bounds the cost of items with long histories.

        """;

    private static string Ratio(BenchReport report, string workload, Engine baseline) =>
        report.Result(workload, baseline).AcknowledgedPerSecond > 0 ? Invariant($"{report.Ratio(workload, baseline):F2}x") : "n/a";

    private static string ErrorDetail(LoadResult r) => r.ErrorStatuses.Count == 0
        ? string.Empty
        : " (" + string.Join(", ", r.ErrorStatuses.OrderBy(p => p.Key).Select(p => Invariant($"{(p.Key == 0 ? "no answer" : p.Key.ToString(CultureInfo.InvariantCulture))}: {p.Value}"))) + ")";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
