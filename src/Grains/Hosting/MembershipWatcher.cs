namespace Quartermaster.Grains.Hosting;

/// <summary>
/// Tells <see cref="MembershipSettling"/> of each membership change as it arrives, so a change settles from when
/// it happened rather than from the first read after it (a silo idle for an hour would otherwise start settling
/// at its next read).
/// </summary>
internal sealed class MembershipWatcher(IClusterMembershipService membership, MembershipSettling settling) : ActiveSiloLoop
{
    protected override async Task RunAsync(CancellationToken stopping)
    {
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
        {
            settling.Observe(snapshot.Version);
        }
    }
}
