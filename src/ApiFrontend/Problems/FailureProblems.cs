using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Problems;

/// <summary>Maps a grain's business refusal to its problem response.</summary>
public static class FailureProblems
{
    public static ProblemHttpResult ToProblem(this Failure failure) => failure.Code switch
    {
        FailureCode.NotFound => ApiProblems.NotFound(failure.Detail),
        FailureCode.InsufficientStock => ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.InsufficientStock,
            "Insufficient stock.", failure.Detail, InsufficientExtensions(failure)),
        FailureCode.InvalidTransition => ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.InvalidTransition,
            "Invalid transition.", failure.Detail),
        FailureCode.Conflict => ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Conflict.", failure.Detail),
        FailureCode.PreconditionFailed => ApiProblems.Create(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed,
            "Precondition failed.", failure.Detail),
        FailureCode.ValidationFailed when failure.Fields is { } fields =>
            ApiProblems.Validation(fields.ToDictionary(f => f.Key, f => new[] { f.Value }, StringComparer.Ordinal)),
        FailureCode.ValidationFailed => ApiProblems.Validation(failure.Field ?? "body", failure.Detail),
        FailureCode.LimitReached => ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.LimitReached,
            "Limit reached.", failure.Detail),
        FailureCode.CustomerBlocked => ApiProblems.Create(StatusCodes.Status409Conflict, ProblemCodes.CustomerBlocked,
            "Customer blocked.", failure.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Code, "Unmapped failure code."),
    };

    private static Dictionary<string, object?> InsufficientExtensions(Failure failure)
    {
        var extensions = new Dictionary<string, object?>();
        if (failure.Available is { } available)
        {
            extensions["available"] = available;
        }

        if (failure.ShortLines is { } lines)
        {
            extensions["lines"] = lines
                .Select(l => new ShortLineDto(l.Sku, l.WarehouseId, l.Requested, l.Available, l.Index))
                .ToList();
        }

        return extensions;
    }
}

public sealed record ShortLineDto(string Sku, string WarehouseId, long Requested, long Available, int Index);
