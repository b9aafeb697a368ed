using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Problems;

/// <summary>
/// Turns exceptions into problems: unreadable requests are 400 with the field named, a lost version race is
/// 409, a cluster or storage hiccup is 503 (retryable). Anything else is a bug and says so as a 500.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            InconsistentStateException => ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Conflict.",
                "A concurrent write won; read the resource again and retry."),
            GrainUnavailableException or StoreDownException or OrleansException or TimeoutException => Unavailable(context, exception),
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(exception, context.Request.Method, context.Request.Path.ToUriComponent());
            problem = ApiProblems.Create(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError,
                "Internal error.", "An unexpected error occurred; it has been logged.");
        }

        await problem.ExecuteAsync(context);
        return true;
    }

    private ProblemHttpResult Unavailable(HttpContext context, Exception exception)
    {
        LogUnavailable(exception, context.Request.Method, context.Request.Path.ToUriComponent());
        context.Response.Headers.RetryAfter = "1";
        return ApiProblems.Unavailable("The cluster could not complete the request.");
    }

    private static ProblemHttpResult FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ApiProblems.Create(bad.StatusCode, ProblemCodes.UnsupportedMediaType, "Unsupported media type.",
                ProblemCodes.DefaultDetail(bad.StatusCode));
        }

        if (bad.InnerException is JsonException { InnerException: { } reader } syntax && reader.GetType().Name == "JsonReaderException")
        {
            // The document itself is broken (cut off, a stray character): no field is at fault, the body is.
            return ApiProblems.Validation("body", $"The body is not valid JSON (at {syntax.Path ?? "$"}).");
        }

        if (bad.InnerException is JsonException json)
        {
            return ApiProblems.Validation(FieldOf(json.Path), json.Path is null or "$"
                ? "The body is not valid JSON."
                : "The value is not valid for this field (wrong type, out of range or unknown value).");
        }

        if (bad.StatusCode == StatusCodes.Status400BadRequest && bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            // The framework's own sentence here speaks to the developer of the endpoint, not to the client.
            return ApiProblems.Validation("body", "A JSON body is required.");
        }

        if (bad.StatusCode == StatusCodes.Status400BadRequest)
        {
            return ApiProblems.Validation(bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "body" : "request", bad.Message);
        }

        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.Create(bad.StatusCode, ProblemCodes.PayloadTooLarge, "Request body too large.",
                ProblemCodes.DefaultDetail(bad.StatusCode));
        }

        return ApiProblems.Create(bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), "Bad request.", bad.Message);
    }

    /// <summary>"$.lines[0].quantity" becomes "lines[0].quantity"; the root becomes "body".</summary>
    internal static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception error, string method, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Cluster unavailable for {Method} {Path}")]
    private partial void LogUnavailable(Exception error, string method, string path);
}
