using System.Net.Http.Headers;
using System.Text.Json;

namespace Quartermaster.Client.Problems;

/// <summary>
/// An RFC 9457 problem the service answered, with its machine-readable <see cref="Code"/> (see <see cref="ProblemCodes"/>),
/// the fields of a validation failure, and what is available when stock was short.
/// </summary>
public sealed class QuartermasterProblemException : Exception
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public QuartermasterProblemException(int status, string code, string? title, string? detail,
        IReadOnlyDictionary<string, string[]>? errors = null, long? available = null, IReadOnlyList<ShortLine>? lines = null,
        TimeSpan? retryAfter = null)
        : base($"{status} {code}: {detail ?? title}")
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
        Available = available;
        Lines = lines ?? [];
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    /// <summary>The problem's `code`, such as insufficient_stock or validation_failed.</summary>
    public string Code { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>For validation_failed: the messages of each offending field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>For insufficient_stock on one stock item: what was available.</summary>
    public long? Available { get; }

    /// <summary>For insufficient_stock on an order: each short line with what was available.</summary>
    public IReadOnlyList<ShortLine> Lines { get; }

    /// <summary>For 429 and 503 (after the client's own retries ran out): when to try again.</summary>
    public TimeSpan? RetryAfter { get; }

    internal static async Task<QuartermasterProblemException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!IsJson(response.Content.Headers.ContentType) || text.Length == 0)
        {
            return new QuartermasterProblemException(status, ProblemCodes.ForStatus(status), response.ReasonPhrase, text.Length == 0 ? null : text, retryAfter: retryAfter);
        }

        var problem = JsonSerializer.Deserialize<ProblemBody>(text, Http.ClientJson.Options) ?? new ProblemBody();
        return new QuartermasterProblemException(problem.Status ?? status, problem.Code ?? ProblemCodes.ForStatus(status),
            problem.Title, problem.Detail, problem.Errors, problem.Available, problem.Lines, retryAfter);
    }

    private static bool IsJson(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private sealed record ProblemBody(
        int? Status = null, string? Code = null, string? Title = null, string? Detail = null,
        Dictionary<string, string[]>? Errors = null, long? Available = null, List<ShortLine>? Lines = null);
}
