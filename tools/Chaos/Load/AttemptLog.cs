using System.Collections.Concurrent;

namespace Quartermaster.Chaos.Load;

/// <summary>Every request of the run, and every client operation with its outcome.</summary>
internal sealed class AttemptLog
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentQueue<Operation> _operations = new();
    private readonly ConcurrentDictionary<long, double> _inFlight = new();
    private long _next;

    /// <summary>Marks a try as sent; <see cref="Add(Attempt)"/> with the returned ticket once it is answered.</summary>
    public long Sending()
    {
        var ticket = Interlocked.Increment(ref _next);
        _inFlight[ticket] = RunClock.Now;
        return ticket;
    }

    public void Add(long ticket, Attempt attempt)
    {
        _attempts.Enqueue(attempt);
        _inFlight.TryRemove(ticket, out _);
    }

    /// <summary>When the oldest try still waiting for its answer was sent; null when none is.</summary>
    public double? OldestInFlight => _inFlight.Values.DefaultIfEmpty(double.NaN).Min() is var oldest && double.IsNaN(oldest) ? null : oldest;

    public void Add(Operation operation) => _operations.Enqueue(operation);

    public IReadOnlyList<Attempt> Attempts => _attempts.ToArray();

    public IReadOnlyList<Operation> Operations => _operations.ToArray();

    public int Count => _attempts.Count;
}
