namespace Quartermaster.Grains.Abstractions.Idempotency;

[GenerateSerializer]
[Alias("qm.IdempotencyVerdict")]
public enum IdempotencyVerdict
{
    /// <summary>First use of the key: the caller does the work and then completes or abandons it.</summary>
    Proceed = 0,
    Replay = 1,
    KeyReused = 2,
    InProgress = 3,
}

[GenerateSerializer, Immutable]
[Alias("qm.IdempotencyDecision")]
public sealed record IdempotencyDecision(
    [property: Id(0)] IdempotencyVerdict Verdict,
    [property: Id(1)] StoredResponse? Response);
