using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Quartermaster.Client.Http;

/// <summary>
/// Retries what the contract says is safe to retry: 429 and 503 (after their Retry-After) and failed connections.
/// Every attempt of one call sends the same request message, so it carries the same Idempotency-Key.
/// </summary>
public static class RetryPolicy
{
    public const string PipelineName = "quartermaster-retry";

    /// <summary>Set on a request that must be tried once only.</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("Quartermaster.NoRetry");

    public static HttpRetryStrategyOptions For(QuartermasterClientOptions options) => new()
    {
        MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.FirstRetryDelay,
        MaxDelay = options.MaxRetryDelay,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(args.Outcome) && !IsExempt(args.Context)),
    };

    public static ResiliencePipeline<HttpResponseMessage> Build(QuartermasterClientOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(For(options)).Build();

    private static bool IsExempt(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(NoRetry, out var exempt) is true && exempt;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException
        || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
}
