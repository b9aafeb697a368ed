namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// The bounded fallback of a per-tenant grain on the request path (a key's look-up grain, a tenant's
/// settings): when a copy verified earlier exists, the grain gets <see cref="Patience"/> to answer before
/// the copy is used. A grain on a frozen silo would otherwise hold the request for the whole response timeout.
/// </summary>
public static class StaleIfError
{
    /// <summary>Far above a healthy grain call (milliseconds), far below the 10 s response timeout.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    /// <summary>How long a copy stays usable in place of its unreachable grain.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    /// <summary>How long a copy that stood in for its grain is used before the grain is asked again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    /// <summary>Awaits <paramref name="call"/> for at most <see cref="Patience"/>; a late failure is observed, not lost.</summary>
    public static Task<T> WithPatience<T>(Task<T> call, TimeProvider clock, CancellationToken cancellationToken)
    {
        _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return call.WaitAsync(Patience, clock, cancellationToken);
    }

    /// <summary>A failure the fallback may answer for: anything but the caller giving up.</summary>
    public static bool IsUnreachable(Exception error, CancellationToken cancellationToken) =>
        !(error is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
