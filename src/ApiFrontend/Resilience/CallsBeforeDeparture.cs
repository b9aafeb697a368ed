namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// The grain calls started before the next silo departure is seen, abandoned together by
/// <see cref="SiloDepartures"/>. Each holds its own count, so when departures overlap each log line reports the
/// calls of its own departure only.
/// </summary>
internal sealed class CallsBeforeDeparture : IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private int _abandoned;

    public CallsBeforeDeparture() => Abandoning = _abandon.Token;

    /// <summary>Cancelled when these calls are abandoned.</summary>
    public CancellationToken Abandoning { get; }

    public int Abandoned => Volatile.Read(ref _abandoned);

    public void CountAbandoned() => Interlocked.Increment(ref _abandoned);

    public Task AbandonAsync() => _abandon.CancelAsync();

    public void Dispose() => _abandon.Dispose();
}
