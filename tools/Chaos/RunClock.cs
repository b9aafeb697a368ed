using System.Diagnostics;

namespace Quartermaster.Chaos;

/// <summary>Seconds since the run started: every request and every fault is placed on this one time line.</summary>
internal static class RunClock
{
    private static readonly Stopwatch Watch = Stopwatch.StartNew();

    public static double Now => Watch.Elapsed.TotalSeconds;
}
