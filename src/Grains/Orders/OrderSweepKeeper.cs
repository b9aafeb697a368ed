using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// Runs on every silo while it is active: pings each sweeper every <see cref="OrderSweep.KeepAlivePeriod"/>.
/// That starts the sweepers when the cluster first comes up, and brings back a sweeper whose silo died well
/// before its reminder would (a reminder of a dead silo ticks on a survivor only at its next period).
/// </summary>
internal sealed partial class OrderSweepKeeper(IGrainFactory grains, ILogger<OrderSweepKeeper> logger) : ActiveSiloLoop
{
    protected override async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(OrderSweep.KeepAlivePeriod);
        try
        {
            do
            {
                await Task.WhenAll(Enumerable.Range(0, OrderSweep.Ranges).Select(range => PingAsync(range, stopping)));
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogStopped();
        }
    }

    /// <summary>A sweeper on a silo that is dead but not yet declared so cannot answer; the next round tries again.</summary>
    private async Task PingAsync(int range, CancellationToken stopping)
    {
        try
        {
            await grains.GetGrain<IOrderSweeperGrain>(range).Ping().WaitAsync(OrderSweep.KeepAlivePeriod, stopping);
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            LogPingFailed(error, range);
        }
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Order sweeper {Range} did not answer its ping; retrying next round")]
    private partial void LogPingFailed(Exception error, int range);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "Order sweep keep-alive stopped with the silo")]
    private partial void LogStopped();
}
