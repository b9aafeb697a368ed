using Quartermaster.Chaos.Cluster;

namespace Quartermaster.Chaos.Faults;

/// <summary>Polls the membership table until that incarnation of the silo is declared dead: seconds after the fault, or null.</summary>
internal static class DeathWatch
{
    public static async Task<double?> WatchAsync(Membership membership, int port, int generation, double injected, TimeSpan cap, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && RunClock.Now - injected < cap.TotalSeconds)
        {
            if (await membership.IsDeadAsync(port, generation) == true)
            {
                return RunClock.Now - injected;
            }

            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }
}
