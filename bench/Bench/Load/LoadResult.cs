namespace Quartermaster.Bench.Load;

/// <summary>
/// The measured window of one workload against one engine. <see cref="Acknowledged"/> counts 2xx answers,
/// <see cref="Refused"/> the 409s the rules give (insufficient stock), <see cref="Errors"/> everything else.
/// Latencies are of every answered request in the window, in milliseconds, sorted.
/// </summary>
internal sealed record LoadResult(
    string Workload, string Engine, int Clients, TimeSpan Window, long Acknowledged, long Refused, long Errors,
    IReadOnlyList<double> SortedLatenciesMs, long AcknowledgedIncludingWarmup, IReadOnlyDictionary<int, long> ErrorStatuses)
{
    public double PerSecond => (Acknowledged + Refused) / Window.TotalSeconds;

    public double AcknowledgedPerSecond => Acknowledged / Window.TotalSeconds;

    public double Percentile(double p) => Percentiles.Of(SortedLatenciesMs, p);

    public double Max => SortedLatenciesMs.Count == 0 ? double.NaN : SortedLatenciesMs[^1];
}
