namespace Quartermaster.Client.Problems;

/// <summary>The problem codes of the contract, to compare with <see cref="QuartermasterProblemException.Code"/>.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string InsufficientStock = "insufficient_stock";
    public const string InvalidTransition = "invalid_transition";
    public const string Conflict = "conflict";
    public const string PreconditionFailed = "precondition_failed";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string LimitReached = "limit_reached";
    public const string CustomerBlocked = "customer_blocked";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RequestTimeout = "request_timeout";
    public const string InternalError = "internal_error";

    /// <summary>The code to report when an answer carried no problem body (a proxy's 502, say).</summary>
    internal static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        412 => PreconditionFailed,
        422 => IdempotencyKeyReused,
        429 => RateLimited,
        503 => Unavailable,
        _ => "http_" + status,
    };
}
