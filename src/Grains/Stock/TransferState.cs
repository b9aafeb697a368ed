using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

[GenerateSerializer]
[Alias("qm.TransferState")]
public sealed class TransferState
{
    /// <summary>Written before any stock moves: the intent a restarted transfer finishes.</summary>
    [Id(0)]
    public TransferRequest? Request { get; set; }

    [Id(1)]
    public TransferResult? Result { get; set; }
}
