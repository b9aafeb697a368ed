using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>An event that rides on a state write; it gets its id when that write commits.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.PendingEvent")]
public sealed record PendingEvent([property: Id(0)] string Type, [property: Id(1)] DateTimeOffset CreatedAt, [property: Id(2)] EventData Data);
