using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// The problems every API operation can answer whatever it does (key refused, rate limited, store
/// unavailable, a bad Idempotency-Key or If-Match or one still in progress, a write that lost to a newer one, a body that is not JSON, too large or too slow), and a summary for operations
/// that have none.
/// </summary>
internal sealed partial class ProtocolResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(operation.Summary) && operation.OperationId is { } id)
        {
            operation.Summary = Words().Replace(id, " $1").ToLowerInvariant() is var words ? char.ToUpperInvariant(words[0]) + words[1..] : id;
        }

        if (!ProtocolScope.IsApi(context.Description))
        {
            return Task.CompletedTask;
        }

        var method = context.Description.HttpMethod ?? string.Empty;
        List<int> statuses = [401, 403, 429, 503];
        if (HttpMethods.IsPost(method))
        {
            // 409: a retry whose Idempotency-Key is still held by a running first request ("request in progress").
            // 408, 413: the key's fingerprint reads the body, whatever the endpoint, under Kestrel's rate and size limits.
            statuses.AddRange([400, 408, 409, 413, 422]);
        }

        if (HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            statuses.AddRange([400, 412]);
        }

        if (!HttpMethods.IsGet(method))
        {
            // 409: a write refused because a newer one of the same resource was stored first (its grain reloads, and
            // ApiExceptionHandler answers conflict), whatever the endpoint's own conflicts.
            statuses.Add(409);
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            // 413: Kestrel's body size limit applies to every body, not only to imports; 408 its minimum data rate.
            statuses.AddRange([400, 408, 413, 415]);
        }

        operation.Responses ??= [];
        foreach (var status in statuses.Distinct())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = ProtocolComponents.ProblemResponse(context.Document!, ReasonPhrases.GetReasonPhrase(status));
            }
        }

        return Task.CompletedTask;
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
