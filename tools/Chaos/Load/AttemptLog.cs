using System.Collections.Concurrent;

namespace Quartermaster.Chaos.Load;

/// <summary>Every request of the run, and every client operation with its outcome.</summary>
internal sealed class AttemptLog
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentQueue<Operation> _operations = new();

    public void Add(Attempt attempt) => _attempts.Enqueue(attempt);

    public void Add(Operation operation) => _operations.Enqueue(operation);

    public IReadOnlyList<Attempt> Attempts => _attempts.ToArray();

    public IReadOnlyList<Operation> Operations => _operations.ToArray();

    public int Count => _attempts.Count;
}
