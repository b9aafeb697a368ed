namespace Quartermaster.ApiFrontend.Problems;

/// <summary>The machine-readable `code` of every problem the API answers with.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string InsufficientStock = "insufficient_stock";
    public const string InvalidTransition = "invalid_transition";
    public const string Conflict = "conflict";
    public const string LimitReached = "limit_reached";
    public const string CustomerBlocked = "customer_blocked";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string PreconditionFailed = "precondition_failed";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RequestTimeout = "request_timeout";
    public const string InternalError = "internal_error";

    /// <summary>The code for a problem the framework produced itself (an unmatched route, a wrong method).</summary>
    public static string ForStatus(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => ValidationFailed,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => RequestTimeout,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => IdempotencyKeyReused,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        _ => InternalError,
    };

    /// <summary>A sentence for problems the framework writes without one.</summary>
    public static string DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status404NotFound => "No such resource or route.",
        StatusCodes.Status405MethodNotAllowed => "This route does not accept that HTTP method.",
        StatusCodes.Status408RequestTimeout => "The request was not received in time.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this API accepts.",
        // Routing refuses the media type before any endpoint runs, so the sentence cannot ask the endpoint what it reads.
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json (an import: text/csv or application/x-ndjson).",
        _ => "See the status code.",
    };
}
