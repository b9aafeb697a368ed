using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Tests;

public sealed class MembershipSettlingTests
{
    private static readonly TimeSpan Settle = new MembershipSettlingOptions().SettleTime;
    private readonly FakeTimeProvider _clock = new();
    private readonly SettableMembership _membership = new();

    [Fact]
    public void Every_read_confirms_while_a_change_settles_and_an_activation_confirmed_before_it_settled_confirms_once_after()
    {
        var settling = new MembershipSettling(_membership, _clock, Options.Create(new MembershipSettlingOptions()));
        var loaded = settling.Now;

        // The first version this silo sees is a change: it has just joined.
        Assert.True(settling.MustConfirm(loaded));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var confirmedWhileSettling = settling.Now;
        Assert.True(settling.MustConfirm(confirmedWhileSettling));

        _clock.Advance(Settle);
        Assert.True(settling.MustConfirm(confirmedWhileSettling), "a confirmation from before the change settled does not last");
        var confirmedAfter = settling.Now;
        Assert.False(settling.MustConfirm(confirmedAfter));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(settling.MustConfirm(confirmedAfter), "nothing changed: memory is trusted");
    }

    [Fact]
    public void A_new_membership_version_starts_settling_again()
    {
        var settling = new MembershipSettling(_membership, _clock, Options.Create(new MembershipSettlingOptions()));
        Assert.True(settling.MustConfirm(settling.Now));
        _clock.Advance(Settle + TimeSpan.FromSeconds(1));
        var confirmed = settling.Now;
        Assert.False(settling.MustConfirm(confirmed));

        _membership.Version = new MembershipVersion(2);
        Assert.True(settling.MustConfirm(confirmed));
        _clock.Advance(Settle - TimeSpan.FromSeconds(1));
        Assert.True(settling.MustConfirm(settling.Now));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(settling.MustConfirm(settling.Now));
    }

    [Fact]
    public void A_change_settles_from_when_it_was_observed_not_from_the_next_read()
    {
        var settling = new MembershipSettling(_membership, _clock, Options.Create(new MembershipSettlingOptions()));
        var loaded = settling.Now;
        _membership.Version = new MembershipVersion(2);
        settling.Observe(_membership.Version);
        _clock.Advance(Settle);

        Assert.True(settling.MustConfirm(loaded), "loaded before the change settled");
        Assert.False(settling.MustConfirm(settling.Now), "the first read after the window need not open another");
        settling.Observe(new MembershipVersion(1));
        Assert.False(settling.MustConfirm(settling.Now), "an older version arriving late is no change");
    }

    private sealed class SettableMembership : IClusterMembershipService
    {
        public MembershipVersion Version { get; set; } = new(1);

        public ClusterMembershipSnapshot CurrentSnapshot => new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, Version);

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }
}
