using Microsoft.Extensions.Options;

namespace Quartermaster.Grains.Hosting;

/// <summary>
/// When a grain that serves reads from memory must first confirm that memory against storage. Around a
/// membership change Orleans can briefly run two activations of one grain while a directory partition moves
/// between silos, and the one it keeps may have loaded its state before the other's last write. Its next write
/// fails its version check and reloads, but until something writes to it, it would answer reads from what it
/// loaded. So for the settle time (<see cref="MembershipSettlingOptions"/>) after each membership change this
/// silo sees, every read confirms; after that, an activation not confirmed since the change settled confirms
/// once at its next read.
/// </summary>
public sealed class MembershipSettling(IClusterMembershipService membership, TimeProvider clock, IOptions<MembershipSettlingOptions> options)
{
    private readonly long _settleTicks = (long)(options.Value.SettleTime.TotalSeconds * clock.TimestampFrequency);
    private Observed? _observed;

    /// <summary>The newest membership version this silo has seen, if any.</summary>
    public MembershipVersion? ObservedVersion => Volatile.Read(ref _observed)?.Version;

    /// <summary>The timestamp an activation records when it loads, writes or confirms its state.</summary>
    public long Now => clock.GetTimestamp();

    /// <summary>Whether an activation last confirmed at <paramref name="confirmedAt"/> must confirm before it answers a read.</summary>
    public bool MustConfirm(long confirmedAt) => confirmedAt < SettledAt();

    /// <summary>Records a version as it arrives (<see cref="MembershipWatcher"/>); an older one than seen changes nothing.</summary>
    public void Observe(MembershipVersion version)
    {
        while (true)
        {
            var observed = Volatile.Read(ref _observed);
            if (observed is not null && observed.Version >= version)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _observed, new Observed(version, clock.GetTimestamp() + _settleTicks), observed) == observed)
            {
                return;
            }
        }
    }

    /// <summary>Also asks the current version: a read may come before the watcher hears of a change.</summary>
    private long SettledAt()
    {
        Observe(membership.CurrentSnapshot.Version);
        return Volatile.Read(ref _observed)!.SettledAt;
    }

    private sealed record Observed(MembershipVersion Version, long SettledAt);
}
