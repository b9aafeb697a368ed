using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.Grains.Idempotency;

[GenerateSerializer]
[Alias("qm.IdempotencyState")]
public sealed class IdempotencyState
{
    [Id(0)]
    public string? Fingerprint { get; set; }

    [Id(1)]
    public StoredResponse? Response { get; set; }

    [Id(2)]
    public DateTimeOffset CompletedAt { get; set; }
}
