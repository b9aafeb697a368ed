using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Stock;

[GenerateSerializer]
[Alias("qm.TransferState")]
public sealed class TransferState : IWritesEvents
{
    /// <summary>Written before any stock moves: the intent a restarted transfer finishes.</summary>
    [Id(0)]
    public TransferRequest? Request { get; set; }

    [Id(1)]
    public TransferResult? Result { get; set; }

    /// <summary>transfer.completed, for the write that records the result (not serialised: it is the difference from the stored copy).</summary>
    [NonSerialized]
    private UnwrittenEvents? _unwritten;

    public UnwrittenEvents? Unwritten => _unwritten;

    public void Carry(UnwrittenEvents events) => _unwritten = events;

    /// <summary>After a successful write: the stored copy now has these events.</summary>
    public void MarkEventsWritten() => _unwritten = null;
}
