using System.Globalization;

namespace Quartermaster.Bench;

/// <summary>Memory figures of a process from /proc/&lt;pid&gt;/status (Linux only).</summary>
internal static class ProcStatus
{
    /// <param name="process">"self" or a process id.</param>
    /// <param name="field">A kB field such as "VmRSS:" (resident now) or "VmHWM:" (peak resident).</param>
    public static long Bytes(string process, string field)
    {
        var line = File.ReadLines($"/proc/{process}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        // "VmRSS:	  123456 kB"
        var kilobytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
