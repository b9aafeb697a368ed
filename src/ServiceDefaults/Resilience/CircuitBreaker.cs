using Microsoft.Extensions.Logging;

namespace Quartermaster.ServiceDefaults.Resilience;

/// <summary>
/// Guards calls to one backing store. After <see cref="FailuresToOpen"/> failures in a row it opens: callers
/// skip the store at once (fall back, or answer 503) instead of each waiting out a timeout. While open, a
/// background probe asks the store every <see cref="ProbeInterval"/> and closes the breaker at the first answer,
/// so no request has to be the one that finds out the store is back.
/// </summary>
public sealed partial class CircuitBreaker : IDisposable
{
    /// <summary>
    /// A single failure can be one dropped connection or one slow command; three in a row means the store is
    /// gone. With the shipped client timeouts (Redis 500 ms, PostgreSQL connect 5 s) that bounds what an outage
    /// costs before callers skip the store.
    /// </summary>
    public const int FailuresToOpen = 3;

    /// <summary>Short enough that a store that is back is used again within a second or two of answering.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Func<CancellationToken, Task> _probe;
    private readonly Action _opened;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private int _failuresInARow;
    private volatile bool _open;

    /// <param name="name">The store, as metrics and /health name it ("redis", "postgres").</param>
    /// <param name="probe">One cheap round trip to the store; it succeeds only if the store answers.</param>
    /// <param name="opened">Runs once each time the breaker opens (e.g. to drop pooled connections to a dead server).</param>
    public CircuitBreaker(string name, Func<CancellationToken, Task> probe, TimeProvider clock, ILogger logger, Action? opened = null)
    {
        Name = name;
        _probe = probe;
        _opened = opened ?? (() => { });
        _clock = clock;
        _logger = logger;
    }

    public string Name { get; }

    public bool IsOpen => _open;

    public void RecordSuccess()
    {
        if (Volatile.Read(ref _failuresInARow) != 0)
        {
            Interlocked.Exchange(ref _failuresInARow, 0);
        }
    }

    public void RecordFailure(Exception error)
    {
        if (Interlocked.Increment(ref _failuresInARow) < FailuresToOpen)
        {
            return;
        }

        lock (_gate)
        {
            if (_open || _stopping.IsCancellationRequested)
            {
                return;
            }

            _open = true;
            _ = ProbeUntilAnsweredAsync();
        }

        LogOpened(error, Name, FailuresToOpen);
        _opened();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task ProbeUntilAnsweredAsync()
    {
        var openedAt = _clock.GetTimestamp();
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ProbeInterval, _clock, _stopping.Token);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                attempt.CancelAfter(ProbeInterval * 2);
                await _probe(attempt.Token).WaitAsync(ProbeInterval * 2, _clock, attempt.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogProbeFailed(error, Name);
                continue;
            }

            Interlocked.Exchange(ref _failuresInARow, 0);
            _open = false;
            LogClosed(Name, _clock.GetElapsedTime(openedAt).TotalSeconds);
            return;
        }
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning,
        Message = "Circuit breaker for {Store} opened after {Failures} failures in a row: calls skip it until a probe answers")]
    private partial void LogOpened(Exception error, string store, int failures);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Circuit breaker for {Store} closed: the store answered a probe after {Seconds:F1} s")]
    private partial void LogClosed(string store, double seconds);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Debug, Message = "Circuit breaker probe of {Store} failed")]
    private partial void LogProbeFailed(Exception error, string store);
}
