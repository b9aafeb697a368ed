using Orleans.Runtime;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// Re-runs a call that failed for a passing reason: a silo leaving or dead, a grain reloading after a lost
/// version race, a timeout. Every write carries a client id (movementId, holdId, orderId), so doing it
/// again can never apply it twice; the caller sees the failure only if it persists. An endpoint that reads its
/// body as a stream (<see cref="ReadsItsOwnBody"/>) is not retried: a second run would read an empty body.
/// Retries go on until <see cref="Budget"/> has passed since the request started: a frontend keeps sending a
/// grain's calls through the same gateway until its gateway list (re-read every 2 s) drops a silo that is
/// shutting down or was declared dead, so retries must outlast that, and one call that waited out the 10 s
/// response timeout on a frozen silo still gets one more try, which by then reaches the grain's new home.
/// A <see cref="StoreDownException"/> (a store whose circuit breaker is open) is not retried: the store has failed
/// calls in a row and is probed every second, so the client gets its 503 at once rather than after the budget.
/// </summary>
internal sealed partial class TransientRetryFilter(TimeProvider clock, ILogger<TransientRetryFilter> logger) : IEndpointFilter
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(12);

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ReadsItsOwnBody>() is not null)
        {
            return await next(context);
        }

        var started = clock.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception error) when (IsTransient(error) && clock.GetElapsedTime(started) < Budget
                                          && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                LogRetry(error.GetType().Name, context.HttpContext.Request.Method, context.HttpContext.Request.Path, attempt + 1);
                await Task.Delay(Backoff[Math.Min(attempt, Backoff.Length - 1)], clock, context.HttpContext.RequestAborted);
            }
        }
    }

    private static bool IsTransient(Exception error) =>
        error is OrleansMessageRejectionException or GrainUnavailableException or InconsistentStateException or TimeoutException
            or SiloUnavailableException;

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Retrying {Method} {Path} after {Error} (attempt {Attempt})")]
    private partial void LogRetry(string error, string method, string path, int attempt);
}
