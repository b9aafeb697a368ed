using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Http;

internal static class UpsertResults
{
    /// <summary>PUT answers 201 when it created the resource, 200 when it replaced it, with the new ETag.</summary>
    public static Results<Created<TDto>, Ok<TDto>, ProblemHttpResult> ToPutResult<T, TDto>(
        this Outcome<Upserted<T>> outcome, HttpResponse response, Func<T, long> version, Func<T, TDto> map, string location)
    {
        if (outcome.Failure is { } failure)
        {
            return failure.ToProblem();
        }

        var (item, created, _) = outcome.Value!;
        ETags.Set(response, version(item));
        return created ? TypedResults.Created(location, map(item)) : TypedResults.Ok(map(item));
    }
}
