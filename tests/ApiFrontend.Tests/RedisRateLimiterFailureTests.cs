using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartermaster.ApiFrontend.RateLimiting;
using Quartermaster.ServiceDefaults.Resilience;
using StackExchange.Redis;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// What the limiter does with each way its Redis call can fail. A chaos run's Redis kill once answered 500: a
/// connection that broke mid-write made the client throw <see cref="InvalidOperationException"/> ("Writing is not
/// allowed after writer was completed") from its pipe, which the limiter did not take for an outage. A real
/// server cannot be made to fail at that instant on demand, so the client's failures are thrown here by a proxy.
/// </summary>
public sealed class RedisRateLimiterFailureTests
{
    public static TheoryData<Exception> Failures() => new()
    {
        new InvalidOperationException("Writing is not allowed after writer was completed."),
        new RedisConnectionException(ConnectionFailureType.SocketFailure, "socket closed"),
        new RedisTimeoutException("timed out", CommandStatus.Sent),
        new ObjectDisposedException("the multiplexer"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failing_redis_call_falls_back_to_the_local_limit(Exception failure)
    {
        var limiter = Limiter(failure, out var calls);

        var decision = await limiter.TryAcquireAsync("t1", rate: 10, burst: 2, CancellationToken.None);

        Assert.True(decision.Allowed);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task The_local_limit_still_refuses_past_the_burst_while_redis_fails()
    {
        var limiter = Limiter(new InvalidOperationException("pipe completed"), out _);

        var decisions = new List<RateDecision>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add(await limiter.TryAcquireAsync("t1", rate: 1, burst: 2, CancellationToken.None));
        }

        Assert.Equal([true, true, false], decisions.Select(d => d.Allowed));
    }

    [Fact]
    public async Task A_client_without_a_connection_counts_as_failures_until_the_breaker_opens()
    {
        var nothingListens = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nothingListens.Start();
        var port = ((System.Net.IPEndPoint)nothingListens.LocalEndpoint).Port;
        nothingListens.Stop();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Quartermaster.ServiceDefaults.Health.RedisConnection.Options($"127.0.0.1:{port}"));
        Assert.False(redis.IsConnected);
        using var breaker = new CircuitBreaker("redis", _ => Task.FromException(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down")),
            TimeProvider.System, NullLogger.Instance);
        var limiter = new RedisTenantRateLimiter(redis, breaker, new LocalTenantRateLimiter(TimeProvider.System), TimeProvider.System,
            NullLogger<RedisTenantRateLimiter>.Instance);

        var open = new List<bool>();
        for (var i = 0; i < CircuitBreaker.FailuresToOpen; i++)
        {
            Assert.True((await limiter.TryAcquireAsync("t1", rate: 100, burst: 100, CancellationToken.None)).Allowed);
            open.Add(breaker.IsOpen);
        }

        Assert.Equal([.. Enumerable.Repeat(false, CircuitBreaker.FailuresToOpen - 1), true], open);
    }

    private static RedisTenantRateLimiter Limiter(Exception failure, out CallCount calls)
    {
        calls = new CallCount();
        var redis = FailingRedis.Create(failure, calls);
        var breaker = new CircuitBreaker("redis", _ => Task.CompletedTask, TimeProvider.System, NullLogger.Instance);
        return new RedisTenantRateLimiter(redis, breaker, new LocalTenantRateLimiter(TimeProvider.System), TimeProvider.System,
            NullLogger<RedisTenantRateLimiter>.Instance);
    }

    public sealed class CallCount
    {
        public int Count;
    }

    /// <summary>A multiplexer whose database fails every script call with the given exception.</summary>
    public class FailingRedis : DispatchProxy
    {
        private Exception _failure = null!;
        private CallCount _calls = null!;

        public static IConnectionMultiplexer Create(Exception failure, CallCount calls)
        {
            var multiplexer = Create<IConnectionMultiplexer, FailingRedis>();
            ((FailingRedis)(object)multiplexer).Configure(failure, calls);
            return multiplexer;
        }

        private void Configure(Exception failure, CallCount calls) => (_failure, _calls) = (failure, calls);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method?.Name)
            {
                case nameof(IConnectionMultiplexer.GetDatabase):
                    var database = Create<IDatabase, FailingRedis>();
                    ((FailingRedis)(object)database).Configure(_failure, _calls);
                    return database;
                case nameof(IDatabase.ScriptEvaluateAsync):
                    Interlocked.Increment(ref _calls.Count);
                    return Task.FromException<RedisResult>(_failure);
                default:
                    throw new NotSupportedException($"{method?.Name} is not used by the limiter");
            }
        }
    }
}
