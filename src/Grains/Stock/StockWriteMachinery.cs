using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// What a stock item needs once it is written to or its holds are worked on: the command queue and the flush in
/// progress, the book and its window of recent ids, the levels storage holds while a batch is written, the tenant's
/// threshold last learnt and the failure that broke the activation. Created on first use and kept apart from the
/// grain, because most of a silo's stock items are only ever read and a million of them must fit in one silo.
/// </summary>
internal sealed class StockWriteMachinery
{
    private RecentIds? _recent;

    public Queue<PendingCommand> Queue { get; } = new();

    public Task? Flushing { get; set; }

    /// <summary>Built again from the state after a reload.</summary>
    public StockBook? Book { get; set; }

    public RecentIds Recent => _recent ??= new RecentIds(RecentIds.DefaultCapacity);

    /// <summary>Set only while a batch is applied and written: otherwise the state in memory is what storage holds.</summary>
    public StockLevels? CommittedDuringWrite { get; set; }

    public long TenantThreshold { get; set; }

    public Exception? Broken { get; set; }
}
