namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>A signing secret as stored: encrypted, and when it was rotated out, until when it still signs.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.SigningSecret")]
public sealed record SigningSecret([property: Id(0)] string Protected, [property: Id(1)] DateTimeOffset? RetiresAt);
