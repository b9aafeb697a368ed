using System.Globalization;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>Reads series out of a Prometheus text exposition.</summary>
public static class PrometheusText
{
    public static async Task<string> ScrapeAsync(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(baseUrl + "/metrics");
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static double Sum(string exposition, string name, params (string Label, string Value)[] labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    public static bool Has(string exposition, string prefix) =>
        exposition.Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
