using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Problems;

public static class OutcomeResults
{
    public static Results<Ok<TDto>, ProblemHttpResult> ToOk<T, TDto>(this Outcome<T> outcome, Func<T, TDto> map) =>
        outcome.Failure is { } failure ? failure.ToProblem() : TypedResults.Ok(map(outcome.Value!));
}
