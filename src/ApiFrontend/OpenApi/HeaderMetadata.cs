namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>Endpoint metadata: the 202 names, in Location, the resource that follows the accepted work.</summary>
public sealed class AcceptedLocationMetadata
{
    public static readonly AcceptedLocationMetadata Instance = new();
}

/// <summary>Endpoint metadata: a DELETE that honours If-Match (PUT and PATCH always do).</summary>
public sealed class IfMatchMetadata
{
    public static readonly IfMatchMetadata Instance = new();
}

public static class HeaderMetadataExtensions
{
    public static RouteHandlerBuilder WithAcceptedLocation(this RouteHandlerBuilder builder) => builder.WithMetadata(AcceptedLocationMetadata.Instance);

    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder builder) => builder.WithMetadata(IfMatchMetadata.Instance);
}
