using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Quartermaster.ApiFrontend.Hosting;
using Quartermaster.ApiFrontend.Resilience;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>A frontend starting before the cluster waits for it, for a bounded time; a wrong setting fails at once.</summary>
public sealed class ClusterConnectRetryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task NoActiveSiloYetIsRetriedOnceASecondForTheBoundThenGivenUp()
    {
        var retry = Retry(connectSeconds: 3);
        var noGateway = new SiloUnavailableException("Could not find any gateway");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var decision = retry.ShouldRetryConnectionAttempt(noGateway, CancellationToken.None);
            Assert.False(decision.IsCompleted); // it waits its second before saying so
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await decision.WaitAsync(Patience));
        }

        AssertGivesUpAtOnce(retry.ShouldRetryConnectionAttempt(noGateway, CancellationToken.None));
    }

    [Fact]
    public async Task ADatabaseStillStartingIsRetriedEvenWhenWrapped()
    {
        var retry = Retry(connectSeconds: 90);
        var wrapped = new OrleansException("Membership read failed", new NpgsqlException("Connection refused", new System.Net.Sockets.SocketException(111)));

        var decision = retry.ShouldRetryConnectionAttempt(wrapped, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await decision.WaitAsync(Patience));
    }

    [Fact]
    public void AWrongSettingOrAZeroBoundFailsAtOnce()
    {
        AssertGivesUpAtOnce(Retry(connectSeconds: 90).ShouldRetryConnectionAttempt(
            new PostgresException("password authentication failed", "FATAL", "FATAL", "28P01"), CancellationToken.None));
        AssertGivesUpAtOnce(Retry(connectSeconds: 90).ShouldRetryConnectionAttempt(new InvalidOperationException("bad"), CancellationToken.None));
        AssertGivesUpAtOnce(Retry(connectSeconds: 0).ShouldRetryConnectionAttempt(new SiloUnavailableException(), CancellationToken.None));
    }

    /// <summary>Giving up waits for nothing; a decision still pending here would be a retry waiting for the fake clock.</summary>
    private static void AssertGivesUpAtOnce(Task<bool> decision)
    {
        Assert.True(decision.IsCompleted, "the filter is waiting to retry instead of giving up");
        Assert.False(decision.Result);
    }

    private ClusterConnectRetry Retry(int connectSeconds) =>
        new(Options.Create(new QuartermasterOptions { ClusterConnectSeconds = connectSeconds }), _clock, NullLogger<ClusterConnectRetry>.Instance);
}
