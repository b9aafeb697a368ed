using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// A GET (or HEAD) whose If-None-Match names the ETag it would answer with, or is "*", is answered 304 Not Modified
/// with that ETag and no body (RFC 9110 §13.1.2, compared weakly). A header that is not "*" or a list of entity-tags
/// is not a precondition a read can fail, so the read is answered in full.
/// </summary>
internal sealed class NotModifiedFilter : IEndpointFilter
{
    public static readonly NotModifiedFilter Instance = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || StatusOf(result) != StatusCodes.Status200OK
            || !EntityTagHeaderValue.TryParse(http.Response.Headers.ETag.ToString(), out var current)
            || ConditionalHeader.ReadIfNoneMatch(http.Request, new FieldErrors()) is not { } ifNoneMatch)
        {
            return result;
        }

        var matches = ifNoneMatch.AnyVersion || ifNoneMatch.Tags.Contains(current.Tag.Value![1..^1], StringComparer.Ordinal);
        return matches ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : result;
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };
}
