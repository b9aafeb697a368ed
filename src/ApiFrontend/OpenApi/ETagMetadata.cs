using Quartermaster.ApiFrontend.Http;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>Endpoint metadata: the successful response carries the resource's ETag.</summary>
public sealed class ETagMetadata
{
    public static readonly ETagMetadata Instance = new();
}

public static class ETagMetadataExtensions
{
    /// <summary>The response carries the resource's ETag, and a GET that If-None-Match finds unchanged is 304.</summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(ETagMetadata.Instance).AddEndpointFilter(NotModifiedFilter.Instance);
}
