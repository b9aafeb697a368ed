namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>
/// A task scheduler the test drives by hand, one thread like a grain's: queued work runs only in
/// <see cref="RunUntilIdle"/>, so the test knows when everything that could run has run.
/// </summary>
internal sealed class ManualScheduler : TaskScheduler
{
    private readonly Queue<Task> _queue = new();
    private readonly Lock _gate = new();

    public void RunUntilIdle()
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next!))
                {
                    return;
                }
            }

            TryExecuteTask(next);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            _queue.Enqueue(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _queue];
        }
    }
}
