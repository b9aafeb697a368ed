using Orleans.Runtime;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// Re-runs a call that failed for a passing reason: a silo leaving or dead, a grain reloading after a lost
/// version race, a timeout. Every write carries a client id (movementId, holdId, orderId), so doing it
/// again can never apply it twice; the caller sees the failure only if it persists.
/// </summary>
internal sealed partial class TransientRetryFilter(ILogger<TransientRetryFilter> logger) : IEndpointFilter
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1000)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception error) when (attempt < Backoff.Length && IsTransient(error) && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                LogRetry(error.GetType().Name, context.HttpContext.Request.Method, context.HttpContext.Request.Path, attempt + 1);
                await Task.Delay(Backoff[attempt], context.HttpContext.RequestAborted);
            }
        }
    }

    private static bool IsTransient(Exception error) =>
        error is OrleansMessageRejectionException or GrainUnavailableException or InconsistentStateException or TimeoutException
            or SiloUnavailableException;

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Retrying {Method} {Path} after {Error} (attempt {Attempt})")]
    private partial void LogRetry(string error, string method, string path, int attempt);
}
