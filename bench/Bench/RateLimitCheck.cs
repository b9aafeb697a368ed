using System.Globalization;

namespace Quartermaster.Bench;

/// <summary>
/// Issue check: a tenant limited to 50/s (burst 100) that sends 500/s through every frontend gets at most
/// about 50/s plus the burst accepted in total, and a second tenant's p95 latency in the same run stays
/// within 20% of its solo figure. Prints the figures; exits 1 if either bound is broken.
/// </summary>
internal static class RateLimitCheck
{
    private const int Limit = 50;
    private const int Burst = 100;
    private const int FloodRate = 500;
    private const int QuietRate = 50;
    private const string Path = "/api/v1/stock/p1/w1";

    public static async Task<int> RunAsync(string[] frontends, string adminKey, int seconds)
    {
        var run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^8..];
        var floodKey = await ApiSession.CreateTenantAsync(frontends[0], adminKey, "flood-" + run, Limit, Burst);
        var quietKey = await ApiSession.CreateTenantAsync(frontends[0], adminKey, "quiet-" + run, 100_000, 1_000_000);
        var flood = frontends.Select(f => ApiSession.Client(f, floodKey)).ToList();
        var quiet = frontends.Select(f => ApiSession.Client(f, quietKey)).ToList();
        var duration = TimeSpan.FromSeconds(seconds);

        await new PacedLoad(quiet, Path, QuietRate).RunAsync(TimeSpan.FromSeconds(2));
        var solo = new PacedLoad(quiet, Path, QuietRate);
        await solo.RunAsync(duration);

        var flooding = new PacedLoad(flood, Path, FloodRate);
        var together = new PacedLoad(quiet, Path, QuietRate);
        await Task.WhenAll(flooding.RunAsync(duration), together.RunAsync(duration));

        var allowed = Limit * seconds + Burst;
        var acceptedRate = flooding.Accepted / (double)seconds;
        var ratio = together.Percentile(0.95) / solo.Percentile(0.95);
        Console.WriteLine($"frontends: {frontends.Length}; {seconds} s per phase");
        Console.WriteLine($"flooding tenant (limit {Limit}/s, burst {Burst}) sent {FloodRate}/s: accepted {flooding.Accepted} ({acceptedRate:F1}/s), 429 {flooding.Limited}, errors {flooding.Errors}; bound {allowed}");
        Console.WriteLine($"quiet tenant p95 solo {solo.Percentile(0.95):F2} ms, beside the flood {together.Percentile(0.95):F2} ms (x{ratio:F2}); errors {solo.Errors + together.Errors}");
        var withinLimit = flooding.Accepted <= allowed * 1.05;
        var unaffected = ratio <= 1.2 || together.Percentile(0.95) - solo.Percentile(0.95) < 2;
        Console.WriteLine($"rate limit held across frontends: {(withinLimit ? "yes" : "NO")}; quiet tenant within 20% (or 2 ms): {(unaffected ? "yes" : "NO")}");
        return withinLimit && unaffected ? 0 : 1;
    }
}
