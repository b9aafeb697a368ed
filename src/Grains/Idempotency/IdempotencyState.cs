using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.Grains.Idempotency;

[GenerateSerializer]
[Alias("qm.IdempotencyState")]
public sealed class IdempotencyState
{
    [Id(0)]
    public string? Fingerprint { get; set; }

    /// <summary>The response replays show; for one that showed a secret, what they show if the sealed one cannot be opened.</summary>
    [Id(1)]
    public StoredResponse? Response { get; set; }

    [Id(2)]
    public DateTimeOffset CompletedAt { get; set; }

    /// <summary>A first response that showed a secret, sealed (<see cref="ResponseSealer"/>).</summary>
    [Id(3)]
    public byte[]? SealedResponse { get; set; }
}
