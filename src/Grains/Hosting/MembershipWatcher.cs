using Microsoft.Extensions.Logging;

namespace Quartermaster.Grains.Hosting;

/// <summary>
/// Tells <see cref="MembershipSettling"/> of each membership change as it arrives, so a change settles from when
/// it happened rather than from the first read after it (a silo idle for an hour would otherwise start settling
/// at its next read). A failure is logged and the subscription taken again; meanwhile reads still notice
/// changes themselves.
/// </summary>
internal sealed partial class MembershipWatcher(
    IClusterMembershipService membership, MembershipSettling settling, TimeProvider clock, ILogger<MembershipWatcher> logger) : ActiveSiloLoop
{
    protected override async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
                {
                    settling.Observe(snapshot.Version);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogWatchFailed(error);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 1910, Level = LogLevel.Warning, Message = "Watching membership changes failed; watching again in 1 s (reads notice changes themselves meanwhile)")]
    private partial void LogWatchFailed(Exception error);
}
