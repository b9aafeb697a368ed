using System.Collections.Concurrent;
using System.Net;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>
/// Sits between the client's retry handler and the frontend: records each attempt's Idempotency-Key and time, and
/// fails the first <c>failures</c> attempts the way a network or an overloaded service does.
/// </summary>
public sealed class AttemptRecorder(AttemptRecorder.Failure failure, int failures, TimeProvider clock) : DelegatingHandler
{
    public enum Failure
    {
        /// <summary>503 unavailable with Retry-After: 1, before the service saw the request.</summary>
        UnavailableBeforeServing,

        /// <summary>The service did the work, then the connection dropped before the answer arrived.</summary>
        ConnectionLostAfterServing,
    }

    private int _attempts;

    public ConcurrentQueue<(string? IdempotencyKey, DateTimeOffset At)> Attempts { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null, clock.GetUtcNow()));
        var failing = Interlocked.Increment(ref _attempts) <= failures;
        if (failing && failure == Failure.UnavailableBeforeServing)
        {
            var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            unavailable.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return unavailable;
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (failing)
        {
            response.Dispose();
            throw new HttpRequestException("The connection was reset (simulated, after the service answered).");
        }

        return response;
    }
}
