using Microsoft.AspNetCore.Http.Metadata;
using Quartermaster.ApiFrontend.Problems;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// Bodies are read as sent: one with a content coding (`Content-Encoding: gzip`) is refused with 415 (RFC 9110 8.4),
/// where it used to be read as if it were not encoded, a compressed body being called invalid JSON and a body labelled
/// `br` but sent plain being taken. Only where the endpoint reads a body (the operations the OpenAPI document gives a
/// 415): a body sent to one that reads none is ignored, coded or not.
/// </summary>
public static class ContentEncodingCheck
{
    public static IApplicationBuilder UseContentEncodingCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The header first: most requests have none, and the endpoint's metadata is then never looked through.
        if (EncodedBody(context.Request) is { } coding && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            await ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported content coding.",
                    $"Content-Encoding '{coding}' is not accepted: send the body uncompressed, without Content-Encoding.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static string? EncodedBody(HttpRequest request)
    {
        var codings = request.Headers.ContentEncoding.ToString();
        if (codings.Length == 0 || request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return null;
        }

        var named = codings.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return named.All(c => c.Equals("identity", StringComparison.OrdinalIgnoreCase)) ? null : string.Join(", ", named);
    }
}
