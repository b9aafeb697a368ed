namespace Quartermaster.Bench.Load;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..1) of values sorted ascending; NaN when there are none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) => sorted.Count == 0
        ? double.NaN
        : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
