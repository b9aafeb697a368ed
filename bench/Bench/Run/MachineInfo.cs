using System.Runtime.InteropServices;
using Npgsql;
using StackExchange.Redis;

namespace Quartermaster.Bench.Run;

/// <summary>What the figures were measured on, so a reader can tell whether theirs should compare.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, string Memory, string Os, string Runtime, string Postgres, string PostgresDurability, string Redis)
{
    public static async Task<MachineInfo> ReadAsync(string postgres, string redis)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "0";

        await using var pg = NpgsqlDataSource.Create(postgres);
        var version = await ScalarAsync(pg, "SHOW server_version");
        var durability = $"fsync={await ScalarAsync(pg, "SHOW fsync")}, synchronous_commit={await ScalarAsync(pg, "SHOW synchronous_commit")}, wal_sync_method={await ScalarAsync(pg, "SHOW wal_sync_method")}";

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var redisVersion = connection.GetServers()[0].Version.ToString();

        return new MachineInfo(cpu, Environment.ProcessorCount, $"{long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024} GB",
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, $"PostgreSQL {version}", durability, $"Redis {redisVersion}");
    }

    private static async Task<string> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
