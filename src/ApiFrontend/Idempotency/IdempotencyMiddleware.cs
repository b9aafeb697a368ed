using System.Security.Cryptography;
using System.Text;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.ApiFrontend.Idempotency;

/// <summary>
/// For a POST with an Idempotency-Key: the first request does the work and its response is kept; a retry
/// with the same key and body gets that response back without doing the work again; the same key with a
/// different body is 422. Failures that are safe to retry (5xx, 429) are not kept, and neither is anything
/// for a path that names no endpoint (an unknown route or method costs no record). While the first request runs,
/// it renews the key's short lease; a retry of a request whose frontend died finds the lease lapsed and proceeds.
/// </summary>
internal sealed partial class IdempotencyMiddleware(
    RequestDelegate next, IGrainFactory grains, TimeProvider clock, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);
    private static readonly string[] KeptHeaders = ["Location", "ETag"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || context.User.CallerScope() is not { } scope
            || context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>() is null)
        {
            await next(context);
            return;
        }

        // Several header lines would otherwise read as one key joined with commas ("a,b"), a key the client never sent.
        if (values.Count != 1)
        {
            await ApiProblems.Validation(HeaderName, "Send one Idempotency-Key header, not several.").ExecuteAsync(context);
            return;
        }

        var key = values.ToString();
        if (!IsValidKey(key))
        {
            await ApiProblems.Validation(HeaderName, "Must be 1-255 printable ASCII characters.").ExecuteAsync(context);
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request);
        var grain = grains.GetGrain<IIdempotencyGrain>(GrainKeys.Idempotency(scope, key));
        IdempotencyDecision decision;
        try
        {
            decision = await grain.Begin(fingerprint);
        }
        catch (Exception error) when (IsStoreUnavailable(error))
        {
            // The response store (Redis) is down: serve the request without replay protection; the
            // resources' own client ids (movementId, holdId, orderId) still keep a retry from applying twice.
            LogStoreUnavailable(error, context.Request.Path.ToUriComponent());
            await next(context);
            return;
        }

        await DecideAsync(context, grain, fingerprint, decision, firstAttempt: true);
    }

    private async Task DecideAsync(HttpContext context, IIdempotencyGrain grain, string fingerprint, IdempotencyDecision decision, bool firstAttempt)
    {
        switch (decision.Verdict)
        {
            case IdempotencyVerdict.Replay:
                await ReplayAsync(context, decision.Response!);
                return;
            case IdempotencyVerdict.KeyReused:
                await ApiProblems.IdempotencyKeyReused().ExecuteAsync(context);
                return;
            case IdempotencyVerdict.InProgress:
                await AwaitFirstAsync(context, grain, fingerprint, firstAttempt);
                return;
            default:
                await ExecuteAndKeepAsync(context, grain, fingerprint);
                return;
        }
    }

    private async Task ExecuteAndKeepAsync(HttpContext context, IIdempotencyGrain grain, string fingerprint)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        using var finished = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(grain, fingerprint, context.Request.Path.ToUriComponent(), finished.Token);
        try
        {
            await next(context);
        }
        catch
        {
            await AbandonAsync(grain, fingerprint, context.Request.Path.ToUriComponent());
            throw;
        }
        finally
        {
            await finished.CancelAsync();
            await renewing;
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        if (!Keeps(status))
        {
            await AbandonAsync(grain, fingerprint, context.Request.Path.ToUriComponent());
        }
        else
        {
            var headers = KeptHeaders
                .Where(h => context.Response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
            var response = new StoredResponse(status, context.Response.ContentType, headers, buffer.ToArray());
            try
            {
                if (status < 300 && context.GetEndpoint()?.Metadata.GetMetadata<SecretInResponse>() is { } secretInResponse)
                {
                    await grain.CompleteShowingSecret(fingerprint, response, secretInResponse.Redacted(response, context.Request.RouteValues));
                }
                else
                {
                    await grain.Complete(fingerprint, response);
                }
            }
            catch (Exception error) when (IsStoreUnavailable(error))
            {
                // The work is done and durable; only its replay is lost. The client still gets the answer.
                LogStoreUnavailable(error, context.Request.Path.ToUriComponent());
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task AwaitFirstAsync(HttpContext context, IIdempotencyGrain grain, string fingerprint, bool firstAttempt)
    {
        if (await grain.WaitForResponse(fingerprint, WaitForFirst) is { } response)
        {
            await ReplayAsync(context, response);
            return;
        }

        if (firstAttempt)
        {
            // No response: the first request was abandoned, or its lease lapsed because whoever ran it died.
            // Asking again either takes the key over (and does the work) or finds it still in progress.
            await DecideAsync(context, grain, fingerprint, await grain.Begin(fingerprint), firstAttempt: false);
            return;
        }

        LogNoFirstResponse(context.Request.Path.ToUriComponent());
        await ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Request in progress.",
            "A request with this Idempotency-Key is still in progress; retry shortly.").ExecuteAsync(context);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>A key's fingerprint: SHA-256 of the method and target, then the body's bytes, in hex.</summary>
    internal static string Fingerprint(string method, string target, byte[] body) =>
        Convert.ToHexStringLower(SHA256.HashData([.. FingerprintHead(method, target), .. body]));

    private static byte[] FingerprintHead(string method, string target) => Encoding.UTF8.GetBytes($"{method} {target}\n");

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(FingerprintHead(request.Method, $"{request.Path}{request.QueryString}"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Keeps the key's lease alive until the request ends; a renewal that hangs (its silo died) is not waited for.</summary>
    private async Task RenewWhileRunningAsync(IIdempotencyGrain grain, string fingerprint, string path, CancellationToken finished)
    {
        using var timer = new PeriodicTimer(IdempotencyLease.RenewEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(finished))
            {
                try
                {
                    if (!await grain.Renew(fingerprint).WaitAsync(finished))
                    {
                        // Taken over after a lapse: the work goes on (resource ids keep it from applying twice).
                        LogLeaseLost(path);
                        return;
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogRenewalFailed(error, path);
                }
            }
        }
        catch (OperationCanceledException) when (finished.IsCancellationRequested)
        {
            // The request ended.
        }
    }

    private async Task AbandonAsync(IIdempotencyGrain grain, string fingerprint, string path)
    {
        try
        {
            await grain.Abandon(fingerprint);
        }
        catch (Exception error) when (IsStoreUnavailable(error))
        {
            // The lease runs out by itself; a retry then proceeds.
            LogStoreUnavailable(error, path);
        }
    }

    private static bool IsStoreUnavailable(Exception error) => error is not OperationCanceledException and not BadHttpRequestException;

    private static bool IsValidKey(string key) => key.Length is >= 1 and <= 255 && key.All(c => c is >= ' ' and <= '~');

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Idempotency store unavailable for {Path}; serving without replay protection")]
    private partial void LogStoreUnavailable(Exception error, string path);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Idempotency-Key lease on {Path} was taken over while its request still ran")]
    private partial void LogLeaseLost(string path);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Renewing an Idempotency-Key lease on {Path} failed; trying again")]
    private partial void LogRenewalFailed(Exception error, string path);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "No first response for an in-progress Idempotency-Key on {Path}")]
    private partial void LogNoFirstResponse(string path);

    /// <summary>
    /// Whether an answer is kept for the key's retries: every answer of the endpoint but a 5xx or a 429, which a
    /// retry should try afresh.
    /// </summary>
    public static bool Keeps(int status) => status < 500 && status != StatusCodes.Status429TooManyRequests;
}
