using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Faults;

/// <summary>
/// Waits until the load is healthy again: no try sent before the fault was lifted still waits for its answer,
/// and over the last few seconds every tenant was served and no try failed.
/// </summary>
internal static class RecoveryWatch
{
    private const double CleanSeconds = 3;

    public static async Task<bool> WaitAsync(AttemptLog log, IReadOnlyList<string> tenants, double since, TimeSpan cap)
    {
        var deadline = RunClock.Now + cap.TotalSeconds;
        while (RunClock.Now < deadline)
        {
            await Task.Delay(500);
            var from = Math.Max(since, RunClock.Now - CleanSeconds);
            if (RunClock.Now - since < CleanSeconds)
            {
                continue;
            }

            if (log.OldestInFlight < since)
            {
                continue;
            }

            var recent = log.Attempts.Where(a => a.EndedAt >= from).ToList();
            if (tenants.All(t => recent.Any(a => a.Tenant == t && a.Ok)) && recent.All(a => a.Ok))
            {
                return true;
            }
        }

        return false;
    }
}
