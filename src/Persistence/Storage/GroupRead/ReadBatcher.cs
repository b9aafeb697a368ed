namespace Quartermaster.Persistence.Storage.GroupRead;

/// <summary>
/// Point reads of one table that are asked for at the same moment go to PostgreSQL as one statement. A
/// batch starts as soon as one of <see cref="MaxBatchesInFlight"/> slots is free, so a lone read is sent at
/// once and reads gather only while the database is busy with earlier ones; nothing waits on a timer.
/// Every activation of an order used to cost a transaction of its own (an autocommit SELECT); under load
/// these now share one.
/// </summary>
internal sealed class ReadBatcher<TKey, TRow>(Func<IReadOnlyList<TKey>, Task<IReadOnlyDictionary<TKey, TRow>>> readMany)
    where TKey : notnull
    where TRow : class
{
    /// <summary>Two: one batch executing while the next one fills, each on a connection of its own.</summary>
    private const int MaxBatchesInFlight = 2;

    /// <summary>Bounds the statement's arrays; the rest wait for the next batch.</summary>
    private const int MaxKeysPerBatch = 256;

    private readonly BatchSlots<PendingRead> _slots = new(MaxBatchesInFlight, MaxKeysPerBatch);

    /// <summary>The row stored under <paramref name="key"/>, or null when there is none.</summary>
    public Task<TRow?> ReadAsync(TKey key)
    {
        var read = new PendingRead(key);
        if (_slots.Enqueue(read))
        {
            // A batch belongs to no caller: it must not run inside the caller's grain context or trace.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(ReadWhileQueuedAsync);
            }
        }

        return read.Result.Task;
    }

    private async Task ReadWhileQueuedAsync()
    {
        while (_slots.TakeBatch() is { } reads)
        {
            await ReadBatchAsync(reads);
        }
    }

    private async Task ReadBatchAsync(List<PendingRead> reads)
    {
        try
        {
            var keys = reads.Select(r => r.Key).Distinct().ToList();
            var rows = await readMany(keys);
            foreach (var read in reads)
            {
                read.Result.TrySetResult(rows.GetValueOrDefault(read.Key));
            }
        }
        catch (Exception error)
        {
            foreach (var read in reads)
            {
                read.Result.TrySetException(error);
            }
        }
    }

    private sealed class PendingRead(TKey key)
    {
        public TKey Key => key;

        public TaskCompletionSource<TRow?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
