using Orleans.Runtime;

namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// Makes grain calls that were in flight when a silo left the cluster fail fast instead of waiting out the
/// 10 s response timeout: a call sent to a silo that then died or froze gets no answer at all. A frontend
/// cannot tell which silo a call went to (a gateway forwards it to wherever the grain lives), so when
/// <see cref="SiloDepartureWatch"/> sees a silo leave, every call started before that moment gets
/// <see cref="Grace"/> to finish and is then abandoned with <see cref="SiloUnavailableException"/>;
/// <see cref="TransientRetryFilter"/> sends it again, to the grain's new home. Abandoning a call that would
/// have finished costs only a repeat: every write carries a client id, so its retry finds it applied.
/// Calls started after the departure was seen are not affected.
/// </summary>
public sealed partial class SiloDepartures(TimeProvider clock, ILogger<SiloDepartures> logger) : IOutgoingGrainCallFilter, IDisposable
{
    /// <summary>Far above a healthy call (milliseconds), so a call that was about to finish on a live silo does.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private CallsBeforeDeparture _inFlight = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var calls = Volatile.Read(ref _inFlight);
        var call = context.Invoke();
        if (call.IsCompleted)
        {
            await call;
            return;
        }

        try
        {
            await call.WaitAsync(calls.Abandoning);
        }
        catch (OperationCanceledException) when (calls.Abandoning.IsCancellationRequested)
        {
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            calls.CountAbandoned();
            throw new SiloUnavailableException($"Abandoned {context.InterfaceName}.{context.MethodName}: a silo left the cluster while it was in flight");
        }
    }

    /// <summary>A silo left: the calls in flight now are abandoned unless they finish within <see cref="Grace"/>.</summary>
    public void Departed(string silo)
    {
        var inFlight = Interlocked.Exchange(ref _inFlight, new CallsBeforeDeparture());
        _ = AbandonAfterGraceAsync(inFlight, silo);
    }

    private async Task AbandonAfterGraceAsync(CallsBeforeDeparture inFlight, string silo)
    {
        await Task.Delay(Grace, clock);
        await inFlight.AbandonAsync();
        inFlight.Dispose();
        LogAbandoned(silo, inFlight.Abandoned);
    }

    public void Dispose() => _inFlight.Dispose();

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Silo {Silo} left the cluster; {Count} grain calls still in flight since before were abandoned and retried")]
    private partial void LogAbandoned(string silo, int count);
}
