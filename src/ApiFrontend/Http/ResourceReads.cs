using Microsoft.AspNetCore.Http.HttpResults;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

internal static class ResourceReads
{
    /// <summary>
    /// GET of one resource by its id: 400 naming <paramref name="field"/> when the id is malformed (before
    /// <paramref name="read"/> builds a grain key from it), 404 when there is none, else 200 with its ETag.
    /// </summary>
    public static async Task<Results<Ok<TDto>, ProblemHttpResult>> ReadByIdAsync<T, TDto>(
        this HttpResponse response, string field, string id, string what, Func<Task<T?>> read, Func<T, long> version, Func<T, TDto> map)
        where T : class
    {
        if (new FieldErrors().Id(field, id) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        if (await read() is not { } item)
        {
            return ApiProblems.NotFound($"{what} '{id}' does not exist.");
        }

        ETags.Set(response, version(item));
        return TypedResults.Ok(map(item));
    }
}
