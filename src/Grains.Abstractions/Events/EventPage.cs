namespace Quartermaster.Grains.Abstractions.Events;

/// <summary>Events oldest first; <see cref="More"/> when the page is full and more may follow.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.EventPage")]
public sealed record EventPage([property: Id(0)] IReadOnlyList<TenantEvent> Events, [property: Id(1)] bool More);
