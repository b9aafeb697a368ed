namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>Endpoint metadata: the successful response carries the resource's ETag.</summary>
public sealed class ETagMetadata
{
    public static readonly ETagMetadata Instance = new();
}

public static class ETagMetadataExtensions
{
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) => builder.WithMetadata(ETagMetadata.Instance);
}
