using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Persistence.Storage;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// The Redis storage's failures leave the silo as Orleans' own <see cref="GrainUnavailableException"/>: a frontend
/// cannot decode the provider's exception types, and a failure during activation never reaches the call filters.
/// </summary>
public sealed class BreakerGrainStorageTests
{
    [Fact]
    public async Task A_store_failure_is_answered_as_unavailable_and_counted_by_the_breaker()
    {
        using var breaker = new CircuitBreaker("redis", _ => Task.CompletedTask, TimeProvider.System, NullLogger.Instance);
        var storage = new BreakerGrainStorage(new FailingStorage(), breaker);
        var state = new GrainState<string>("x");

        var error = await Assert.ThrowsAsync<GrainUnavailableException>(() =>
            storage.ReadStateAsync("idempotency", GrainId.Create("idempotency", "t/k"), state));

        Assert.Contains(nameof(ProviderTimeoutException), error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        await Assert.ThrowsAsync<GrainUnavailableException>(() =>
            storage.WriteStateAsync("idempotency", GrainId.Create("idempotency", "t/k"), state));
    }

    /// <summary>
    /// Once the breaker has opened, a call skips the store and says so with its own type, which the frontend answers
    /// at once instead of retrying for seconds: it was the same GrainUnavailableException as a single failure.
    /// </summary>
    [Fact]
    public async Task Once_the_breaker_is_open_a_call_skips_the_store_as_store_down()
    {
        using var breaker = new CircuitBreaker("redis", _ => Task.FromException(new InvalidOperationException("still down")), TimeProvider.System, NullLogger.Instance);
        var storage = new BreakerGrainStorage(new FailingStorage(), breaker);
        var state = new GrainState<string>("x");
        for (var i = 0; i < CircuitBreaker.FailuresToOpen; i++)
        {
            await Assert.ThrowsAsync<GrainUnavailableException>(() => storage.ReadStateAsync("idempotency", GrainId.Create("idempotency", "t/k"), state));
        }

        Assert.True(breaker.IsOpen);
        await Assert.ThrowsAsync<StoreDownException>(() => storage.WriteStateAsync("idempotency", GrainId.Create("idempotency", "t/k"), state));
    }

    /// <summary>Stands for a provider's own exception type, one the caller's process has never loaded.</summary>
    private sealed class ProviderTimeoutException(string message) : Exception(message);

    private sealed class FailingStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new ProviderTimeoutException("timeout");

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new ProviderTimeoutException("timeout");

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new ProviderTimeoutException("timeout");
    }
}
