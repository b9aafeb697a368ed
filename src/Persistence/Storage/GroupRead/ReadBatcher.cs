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

    private readonly Lock _gate = new();
    private readonly Queue<PendingRead> _queued = new();
    private int _inFlight;

    /// <summary>The row stored under <paramref name="key"/>, or null when there is none.</summary>
    public Task<TRow?> ReadAsync(TKey key)
    {
        var read = new PendingRead(key);
        bool startReading;
        lock (_gate)
        {
            _queued.Enqueue(read);
            startReading = _inFlight < MaxBatchesInFlight;
            if (startReading)
            {
                _inFlight++;
            }
        }

        if (startReading)
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
        while (TakeQueued() is { } reads)
        {
            await ReadBatchAsync(reads);
        }
    }

    private List<PendingRead>? TakeQueued()
    {
        lock (_gate)
        {
            if (_queued.Count == 0)
            {
                _inFlight--;
                return null;
            }

            var reads = new List<PendingRead>(Math.Min(_queued.Count, MaxKeysPerBatch));
            while (reads.Count < MaxKeysPerBatch && _queued.TryDequeue(out var read))
            {
                reads.Add(read);
            }

            return reads;
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
