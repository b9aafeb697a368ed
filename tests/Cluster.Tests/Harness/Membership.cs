namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>What a silo's /health says of the membership table.</summary>
public static class Membership
{
    /// <summary>True when the silo counts exactly <paramref name="active"/> active silos; false while it does not answer.</summary>
    public static async Task<bool> CountsActiveSilosAsync(string healthUrl, int active)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            return (await http.GetStringAsync(healthUrl + "/health")).Contains($"{active} active silo(s)", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
