namespace Quartermaster.Grains.Abstractions.Idempotency;

/// <summary>A first response kept so a retry with the same Idempotency-Key gets it back byte for byte.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.StoredResponse")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(3)] byte[] Body);
