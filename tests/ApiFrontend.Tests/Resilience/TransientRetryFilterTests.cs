using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.ApiFrontend.Resilience;

namespace Quartermaster.ApiFrontend.Tests.Resilience;

/// <summary>
/// The import POST reads its body as a stream. Retried after a transient grain failure, its second run read an
/// empty body and started an empty import that "succeeded" with no rows, while the file's rows were lost.
/// </summary>
public sealed class TransientRetryFilterTests
{
    [Fact]
    public async Task An_endpoint_that_reads_its_own_body_is_run_once_and_its_failure_reaches_the_client()
    {
        var (runs, outcome) = await RunAsync(new EndpointMetadataCollection(ReadsItsOwnBody.Instance));

        Assert.Equal(1, runs);
        Assert.IsType<GrainUnavailableException>(outcome);
    }

    /// <summary>
    /// A store whose circuit breaker is open fails every call at once until its probe finds it back: retrying for the
    /// filter's 12 s budget only delayed the 503 that docs/operations.md promises "at once".
    /// </summary>
    [Fact]
    public async Task A_store_known_down_is_not_retried_and_its_failure_reaches_the_client_at_once()
    {
        var (runs, outcome) = await RunAsync(new EndpointMetadataCollection(), new StoreDownException("PostgreSQL is unavailable (circuit breaker open)"));

        Assert.Equal(1, runs);
        Assert.IsType<StoreDownException>(outcome);
    }

    [Fact]
    public async Task Any_other_endpoint_is_run_again_after_a_transient_failure()
    {
        var (runs, outcome) = await RunAsync(new EndpointMetadataCollection());

        Assert.Equal(2, runs);
        Assert.Equal("done", outcome);
    }

    /// <summary>An endpoint whose first run fails (by default with a transient error) and whose second run answers "done".</summary>
    private static async Task<(int Runs, object? Outcome)> RunAsync(EndpointMetadataCollection metadata, Exception? firstFailure = null)
    {
        var http = new DefaultHttpContext();
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "test"));
        var clock = new FakeTimeProvider();
        var filter = new TransientRetryFilter(clock, NullLogger<TransientRetryFilter>.Instance);
        var runs = 0;
        EndpointFilterDelegate endpoint = _ => ++runs == 1
            ? throw firstFailure ?? new GrainUnavailableException("a silo is leaving")
            : ValueTask.FromResult<object?>("done");

        var running = filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), endpoint).AsTask();
        // The retry waits out its backoff on the fake clock; 10 s of it is far past any backoff the filter uses.
        for (var advanced = 0; !running.IsCompleted && runs < 2; advanced++)
        {
            Assert.True(advanced < 200, "the filter neither finished nor ran the endpoint again within 10 s of backoff");
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        try
        {
            return (runs, await running);
        }
        catch (Exception error) when (error is GrainUnavailableException or StoreDownException)
        {
            return (runs, error);
        }
    }
}
