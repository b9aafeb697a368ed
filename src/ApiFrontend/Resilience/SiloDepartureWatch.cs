using Orleans.Messaging;

namespace Quartermaster.ApiFrontend.Resilience;

/// <summary>
/// Reads the cluster's gateway list every <see cref="Interval"/> and tells <see cref="SiloDepartures"/> when a
/// silo's gateway is gone from it: the silo was declared dead or is shutting down. The list is the
/// membership table's active silos (one small query); the Orleans client reads it only every 2 s.
/// </summary>
internal sealed partial class SiloDepartureWatch(
    IGatewayListProvider gateways, SiloDepartures departures, TimeProvider clock, ILogger<SiloDepartureWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<Uri>? known = null;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var current = (await gateways.GetGateways()).ToHashSet();
                foreach (var gone in known?.Where(g => !current.Contains(g)) ?? [])
                {
                    LogDeparted(gone);
                    departures.Departed(gone.ToString());
                }

                known = current;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The membership table is unreachable (PostgreSQL down): no departure can be declared meanwhile either.
                LogUnreadable(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Gateway {Gateway} left the gateway list")]
    private partial void LogDeparted(Uri gateway);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Could not read the gateway list")]
    private partial void LogUnreadable(Exception error);
}
