using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Quartermaster.ApiFrontend.Problems;

/// <summary>Builds every problem response, so each carries type, title, status, detail and code.</summary>
public static class ApiProblems
{
    public const string TypeBase = "https://quartermaster.dev/problems/";

    public static ProblemHttpResult Create(int status, string code, string title, string? detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + code, Title = title, Detail = detail };
        Extend(problem, code, extensions);
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypeBase + ProblemCodes.ValidationFailed,
            Title = "The request is not valid.",
            Detail = "See errors for the fields at fault: " + string.Join(", ", errors.Keys) + ".",
        };
        Extend(problem, ProblemCodes.ValidationFailed, null);
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found.", detail);

    public static ProblemHttpResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Authentication required.",
            "Send `Authorization: Bearer <key>` with a valid API key.");

    public static ProblemHttpResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Not allowed with this key.",
            "Tenant keys may not call /api/v1/admin and the admin key may only call /api/v1/admin.");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused, "Idempotency-Key reused.",
            "This Idempotency-Key was already used with a different request.");

    public static ProblemHttpResult Unavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Unavailable, "Temporarily unavailable.",
            detail + " Safe to retry with the same Idempotency-Key.");

    private static void Extend(ProblemDetails problem, string code, IDictionary<string, object?>? extensions)
    {
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
    }
}
