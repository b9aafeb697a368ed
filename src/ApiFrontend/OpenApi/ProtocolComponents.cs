using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Quartermaster.ApiFrontend.Idempotency;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>The protocol headers and the problem schema, declared once in components and referenced by operations.</summary>
internal static class ProtocolComponents
{
    public const string ProblemSchema = "Problem";
    public const string ProblemContentType = "application/problem+json";
    public const string RetryAfter = "Retry-After";
    public const string ETag = "ETag";
    public const string Location = "Location";
    public static readonly string[] RateLimitHeaders = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    public static IOpenApiHeader Header(OpenApiDocument document, string name)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (!document.Components.Headers.ContainsKey(name))
        {
            document.AddComponent(name, DefineHeader(name));
        }

        return new OpenApiHeaderReference(name, document);
    }

    public static IOpenApiParameter Parameter(OpenApiDocument document, string name)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Parameters ??= new Dictionary<string, IOpenApiParameter>();
        if (!document.Components.Parameters.ContainsKey(name))
        {
            document.AddComponent(name, DefineParameter(name));
        }

        return new OpenApiParameterReference(name, document);
    }

    public static OpenApiResponse ProblemResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    private static OpenApiHeader DefineHeader(string name) => name switch
    {
        RetryAfter => new()
        {
            Description = "Seconds to wait before retrying.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" },
        },
        ETag => new()
        {
            Description = "The resource's version, a strong ETag (\"7\"; a stock item with its own threshold \"7.40\", following the tenant's \"7~40\"; "
                + "a product's stock summary, which has no version of its own, a hash of its items' tags): send it back in If-Match as read.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"([0-9]+([.~][0-9]+)?|[0-9a-f]{16})\"$" },
        },
        IdempotencyMiddleware.ReplayedHeader => new()
        {
            Description = "`true` when this is the stored first answer to an earlier request with the same Idempotency-Key: nothing was done again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
        },
        Location => new()
        {
            Description = "The path of the created resource.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
        },
        "RateLimit-Limit" => IntegerHeader("Requests the bucket holds when full: the tenant's burst, or for a request without a valid key its client address' burst."),
        "RateLimit-Remaining" => IntegerHeader("Requests left in that bucket."),
        "RateLimit-Reset" => IntegerHeader("Seconds until the bucket has a request again."),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a protocol header."),
    };

    private static OpenApiHeader IntegerHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
    };

    private static OpenApiParameter DefineParameter(string name) => name switch
    {
        IdempotencyMiddleware.HeaderName => new()
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = "Makes the POST safe to retry: the same key and body return the first response for 24 hours; " +
                "the same key with another body is 422 `idempotency_key_reused`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255, Pattern = "^[\\x20-\\x7E]{1,255}$" },
        },
        "If-Match" => new()
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = "The ETag last read: the write applies only if the resource is still at that version (else 412 `precondition_failed`). " +
                "Several ETags, separated by commas, apply if any of them is current; `*` applies if the resource exists, whatever its version. " +
                "The comparison is strong: a weak ETag (`W/\"7\"`) never matches.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        },
        "If-None-Match" => new()
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = "On a GET: the ETag held; 304 with no body while the resource is still at it (`*`: while it exists). " +
                "On a write: `*` applies only if the resource does not exist yet (a PUT that only creates), ETags only if it is at none of them " +
                "(else 412 `precondition_failed`). The comparison is weak: `W/\"7\"` names the same version as `\"7\"`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a protocol parameter."),
    };
}
