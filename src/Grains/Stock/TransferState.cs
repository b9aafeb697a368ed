using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Stock;

/// <summary>Its result's write carries transfer.completed.</summary>
[GenerateSerializer]
[Alias("qm.TransferState")]
public sealed class TransferState : EventCarryingState
{
    /// <summary>Written before any stock moves: the intent a restarted transfer finishes.</summary>
    [Id(0)]
    public TransferRequest? Request { get; set; }

    [Id(1)]
    public TransferResult? Result { get; set; }
}
