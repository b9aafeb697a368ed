using System.Data.Common;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;
using Quartermaster.ApiFrontend.Hosting;

namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// A frontend may start before any silo is active: a whole deployment applied at once, a cluster restarted, a
/// database still starting. It keeps trying to reach the cluster once a second for
/// <see cref="QuartermasterOptions.ClusterConnectSeconds"/>, saying why each time, then gives up and exits for its
/// supervisor to restart. Orleans' own filter gives up at once when no silo is active yet, and retries a refused
/// connection silently for about three minutes.
/// </summary>
internal sealed partial class ClusterConnectRetry(
    IOptions<QuartermasterOptions> options,
    TimeProvider clock,
    ILogger<ClusterConnectRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private long? _firstFailure;
    private int _failures;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _firstFailure ??= clock.GetTimestamp();
        _failures++;
        var waited = clock.GetElapsedTime(_firstFailure.Value);
        var limit = TimeSpan.FromSeconds(options.Value.ClusterConnectSeconds);
        if (cancellationToken.IsCancellationRequested || !IsClusterNotYetThere(exception) || waited + Pause > limit)
        {
            LogGivingUp(exception, _failures, waited.TotalSeconds);
            return false;
        }

        LogRetrying(_failures, exception.Message);
        await Task.Delay(Pause, clock, cancellationToken);
        return true;
    }

    /// <summary>Failures that the rest of the cluster starting ends, however wrapped; anything else (a bad setting) fails at once.</summary>
    private static bool IsClusterNotYetThere(Exception? exception) => exception switch
    {
        null => false,
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or TimeoutException => true,
        DbException database => database.IsTransient,
        _ => IsClusterNotYetThere(exception.InnerException),
    };

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Cluster not reachable yet (attempt {Attempt}), retrying in a second: {Reason}")]
    private partial void LogRetrying(int attempt, string reason);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "Could not reach the cluster after {Attempts} attempts over {Seconds:F0} s; giving up")]
    private partial void LogGivingUp(Exception error, int attempts, double seconds);
}
