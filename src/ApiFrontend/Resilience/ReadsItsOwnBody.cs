namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// Endpoint metadata: the handler reads the request body as a stream itself, so running it again would read
/// an empty body. <see cref="TransientRetryFilter"/> does not retry such an endpoint; its transient failure
/// reaches the client as 503, which the client retries with the body and the same Idempotency-Key.
/// </summary>
public sealed class ReadsItsOwnBody
{
    public static readonly ReadsItsOwnBody Instance = new();
}

public static class ReadsItsOwnBodyExtensions
{
    public static RouteHandlerBuilder WithBodyReadByHandler(this RouteHandlerBuilder builder) => builder.WithMetadata(ReadsItsOwnBody.Instance);
}
