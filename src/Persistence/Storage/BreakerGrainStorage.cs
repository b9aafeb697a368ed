using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The ephemeral (Redis) storage behind the Redis circuit breaker. Its only user is the idempotency store, whose
/// caller serves the request without replay protection when the store is unavailable: with the breaker open that
/// answer comes at once, instead of after the client's timeout for every new Idempotency-Key.
/// </summary>
internal sealed class BreakerGrainStorage(IGrainStorage inner, CircuitBreaker breaker) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task GuardAsync(Func<Task> operation)
    {
        if (breaker.IsOpen)
        {
            throw new StoreDownException($"The {breaker.Name} store is unavailable (circuit breaker open); retry shortly.");
        }

        try
        {
            await operation();
            breaker.RecordSuccess();
        }
        catch (InconsistentStateException)
        {
            // The store answered: a lost version race is not an outage.
            breaker.RecordSuccess();
            throw;
        }
        catch (Exception error)
        {
            // Only Orleans' own exception crosses to the caller. The provider's type (RedisStorageException) has no
            // codec in a frontend, and a failure while a grain activates skips the grain-call filters: an
            // undecodable response once stalled every call on that frontend's gateway connection until it reset.
            breaker.RecordFailure(error);
            throw new GrainUnavailableException($"The {breaker.Name} store is unavailable ({error.GetType().Name}): {error.Message}");
        }
    }
}
