using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Quartermaster.Bench.Run;

/// <summary>
/// Processor time spent by each party to a workload, from /proc (Linux): the server under test, PostgreSQL (the
/// postmaster, its live backends, and the time of exited backends, which the kernel adds to the postmaster's
/// children's time), this process (the load generator) and the machine as a whole. Tells whether a workload was
/// bound by the processors or by waiting, and which side spent them.
/// </summary>
internal sealed class ProcessorUse(int serverPid, int postmasterPid)
{
    // The unit of the times in /proc/<pid>/stat and /proc/stat (USER_HZ), 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Null when PostgreSQL does not run on this machine (its backend's process is not in /proc).</summary>
    public static async Task<ProcessorUse?> OpenAsync(string postgres, int serverPid)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        // A process of that id that is not PostgreSQL's is another machine's backend's namesake.
        return Stat(backend) is { Name: "postgres" } stat ? new ProcessorUse(serverPid, (int)stat.ParentPid) : null;
    }

    public ProcessorCounters Read()
    {
        var postgres = Stat(postmasterPid) is { } postmaster ? postmaster.OwnTicks + postmaster.ReapedChildrenTicks : 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } child && child.ParentPid == postmasterPid)
            {
                postgres += child.OwnTicks;
            }
        }

        var server = Stat(serverPid) is { } serverStat ? serverStat.OwnTicks + serverStat.ReapedChildrenTicks : 0;
        var (busy, all) = MachineTicks();
        using var self = Process.GetCurrentProcess();
        return new ProcessorCounters(Seconds(server), Seconds(postgres), self.TotalProcessorTime, Seconds(busy), Seconds(all));
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>Fields of /proc/&lt;pid&gt;/stat after the command name, which may itself hold spaces and parentheses.</summary>
    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var nameEnd = text.LastIndexOf(')');
        var name = text[(text.IndexOf('(') + 1)..nameEnd];
        var fields = text[(nameEnd + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture); // numbered as in proc(5)
        return new ProcStat(name, Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    /// <summary>The first line of /proc/stat: busy is everything but idle and waiting for I/O.</summary>
    private static (long Busy, long All) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var all = fields.Sum();
        return (all - fields[3] - fields[4], all);
    }

    private sealed record ProcStat(string Name, long ParentPid, long OwnTicks, long ReapedChildrenTicks);
}

/// <summary>Cumulative processor times at one moment; their difference over a workload is what it cost.</summary>
internal sealed record ProcessorCounters(TimeSpan Server, TimeSpan Postgres, TimeSpan LoadGenerator, TimeSpan MachineBusy, TimeSpan MachineAll)
{
    public static ProcessorCounters operator -(ProcessorCounters after, ProcessorCounters before) =>
        new(after.Server - before.Server, after.Postgres - before.Postgres, after.LoadGenerator - before.LoadGenerator,
            after.MachineBusy - before.MachineBusy, after.MachineAll - before.MachineAll);
}

/// <summary>The processor time of one workload against one engine (warm-up included), per acknowledged request.</summary>
internal sealed record ProcessorWork(string Workload, string Engine, ProcessorCounters Delta, long Acknowledged)
{
    public double ServerMsPerOperation => PerOperation(Delta.Server);

    public double PostgresMsPerOperation => PerOperation(Delta.Postgres);

    public double LoadGeneratorMsPerOperation => PerOperation(Delta.LoadGenerator);

    /// <summary>Share of the machine's processors busy over the workload, whoever used them.</summary>
    public double MachineBusyPercent => Delta.MachineAll <= TimeSpan.Zero ? double.NaN : 100 * Delta.MachineBusy / Delta.MachineAll;

    private double PerOperation(TimeSpan time) => Acknowledged == 0 ? double.NaN : time.TotalMilliseconds / Acknowledged;
}
