namespace Quartermaster.Persistence.Storage;

/// <summary>
/// Work queued for at most <c>maxInFlight</c> workers that each take what is queued as one batch. A worker is
/// started when work arrives while a slot is free, and takes everything queued (up to <c>maxPerBatch</c>) each
/// round until the queue is empty, so batches form only while every slot is busy; nothing waits on a timer.
/// Shared by the group commit (<see cref="GroupCommit.WriteFlusher"/>) and the group read
/// (<see cref="GroupRead.ReadBatcher{TKey,TRow}"/>).
/// </summary>
internal sealed class BatchSlots<T>(int maxInFlight, int maxPerBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _queued = new();
    private int _inFlight;

    /// <summary>Queues <paramref name="item"/>; true when the caller must start a worker, which now holds a slot.</summary>
    public bool Enqueue(T item)
    {
        lock (_gate)
        {
            _queued.Enqueue(item);
            if (_inFlight >= maxInFlight)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    /// <summary>A worker's next batch, or null when nothing is queued: the worker has then given its slot back.</summary>
    public List<T>? TakeBatch()
    {
        lock (_gate)
        {
            if (_queued.Count == 0)
            {
                _inFlight--;
                return null;
            }

            var batch = new List<T>(Math.Min(_queued.Count, maxPerBatch));
            while (batch.Count < maxPerBatch && _queued.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            return batch;
        }
    }
}
