using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Quartermaster.ApiFrontend.Idempotency;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Declares the protocol headers where they apply: Idempotency-Key on every POST, If-Match and If-None-Match on every
/// PUT and PATCH (and a DELETE marked WithIfMatch), If-None-Match and its 304 on a GET marked WithETag, ETag on responses
/// of endpoints marked WithETag, Location on 201 (and on a 202 marked WithAcceptedLocation), Retry-After on 429 and 503, the RateLimit-* headers on every
/// response to a tenant key (on an admin route, its 403 and 429), and Idempotent-Replayed on the answers of a POST that a retry may get again.
/// </summary>
internal sealed class ProtocolHeadersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!ProtocolScope.IsApi(context.Description) || context.Document is not { } document)
        {
            return Task.CompletedTask;
        }

        var method = context.Description.HttpMethod ?? string.Empty;
        operation.Parameters ??= [];
        if (HttpMethods.IsPost(method))
        {
            operation.Parameters.Add(ProtocolComponents.Parameter(document, IdempotencyMiddleware.HeaderName));
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || metadata.OfType<IfMatchMetadata>().Any())
        {
            operation.Parameters.Add(ProtocolComponents.Parameter(document, "If-Match"));
            operation.Parameters.Add(ProtocolComponents.Parameter(document, "If-None-Match"));
        }

        var hasETag = context.Description.ActionDescriptor.EndpointMetadata.OfType<ETagMetadata>().Any();
        if (hasETag && HttpMethods.IsGet(method))
        {
            operation.Parameters.Add(ProtocolComponents.Parameter(document, "If-None-Match"));
            operation.Responses ??= [];
            operation.Responses["304"] = new OpenApiResponse { Description = "Not Modified: the resource is still at the ETag If-None-Match names." };
        }

        var tenant = ProtocolScope.IsTenant(context.Description);
        foreach (var (status, response) in (operation.Responses ?? []).Where(r => r.Value is OpenApiResponse))
        {
            var headers = new List<string>();
            if (status is "429" or "503")
            {
                headers.Add(ProtocolComponents.RetryAfter);
            }

            if (status == "201" || (status == "202" && metadata.OfType<AcceptedLocationMetadata>().Any()))
            {
                headers.Add(ProtocolComponents.Location);
            }

            if (hasETag && status is "200" or "201" or "304")
            {
                headers.Add(ProtocolComponents.ETag);
            }

            // A tenant key on an admin route counts against its tenant's limit too: refused (403) or over the limit (429).
            if (tenant ? status != "401" : status is "403" or "429")
            {
                headers.AddRange(ProtocolComponents.RateLimitHeaders);
            }

            if (HttpMethods.IsPost(method) && IsReplayable(status))
            {
                headers.Add(IdempotencyMiddleware.ReplayedHeader);
            }

            var concrete = (OpenApiResponse)response;
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var header in headers)
            {
                concrete.Headers[header] = ProtocolComponents.Header(document, header);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// What a retry with the same Idempotency-Key can get again: what the key's store keeps, of the answers that get
    /// that far (401 and 403 are the key check's, 422 the Idempotency-Key's own refusal, 408 Kestrel's while the
    /// key's fingerprint reads the body, before the key is taken).
    /// </summary>
    private static bool IsReplayable(string status) =>
        int.TryParse(status, out var code) && code is not (401 or 403 or 408 or 422) && IdempotencyMiddleware.Keeps(code);
}
