namespace Quartermaster.Bench.Workloads;

/// <summary>A thing under test: Quartermaster or a baseline, reached through the same API under its own prefix.</summary>
internal sealed record Engine(string Name, string ApiPrefix, string Description)
{
    public static readonly Engine Quartermaster = new("quartermaster", "/api/v1", "Orleans grains, group commit to PostgreSQL");

    public static readonly Engine SqlUpdate = new("sql-update", "/baseline/sql-update/api/v1",
        "baseline 2: one conditional UPDATE + ledger insert per item, one transaction");

    public static readonly Engine RedisLock = new("redis-lock", "/baseline/redis-lock/api/v1",
        "baseline 1: Redis lock key per item (SET NX PX), read-modify-write in PostgreSQL");

    public static IReadOnlyList<Engine> All { get; } = [Quartermaster, SqlUpdate, RedisLock];
}
