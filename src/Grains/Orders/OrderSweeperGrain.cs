using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// Sweeps one hash range of orders every <see cref="OrderSweep.SweepPeriod"/> (a grain timer) and wakes the
/// orders that are due. One reminder keeps it alive, and every silo pings it (<see cref="OrderSweepKeeper"/>),
/// so after a silo dies it is sweeping on a survivor within a few seconds of membership declaring the death.
/// </summary>
public sealed partial class OrderSweeperGrain(
    IOrderDueIndex dueIndex,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ILogger<OrderSweeperGrain> logger)
    : Grain, IOrderSweeperGrain, IRemindable
{
    private const string KeepAliveReminder = "order-sweep";

    private int Range => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, OrderSweep.SweepPeriod));
        if (await this.GetReminder(KeepAliveReminder, cancellationToken) is null)
        {
            await this.RegisterOrUpdateReminder(KeepAliveReminder, OrderSweep.ReminderPeriod, OrderSweep.ReminderPeriod, cancellationToken);
        }
    }

    public Task Ping() => Task.CompletedTask;

    /// <summary>Delivering the tick activated this sweeper, which is all the reminder is for.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DueOrder? after = null;
        try
        {
            for (var page = 0; page < OrderSweep.MaxPagesPerSweep; page++)
            {
                var due = await dueIndex.DueAsync(Range, now, after, OrderSweep.PageSize, cancellationToken);
                await Task.WhenAll(due.Select(WakeAsync));
                if (due.Count < OrderSweep.PageSize)
                {
                    return;
                }

                after = due[^1];
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogSweepFailed(error, Range);
        }
    }

    /// <summary>An order that cannot be woken now stays due, and the next sweep tries again.</summary>
    private async Task WakeAsync(DueOrder due)
    {
        try
        {
            await GrainFactory.GetGrain<IOrderGrain>(due.OrderKey).Sweep().WaitAsync(OrderSweep.WakeTimeout);
            LogWoken(due.OrderKey, due.DueAt);
            QuartermasterMetrics.OrderSwept("woken");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogWakeFailed(error, due.OrderKey);
            QuartermasterMetrics.OrderSwept("failed");
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Order sweep woke {OrderKey} (due at {DueAt:O})")]
    private partial void LogWoken(string orderKey, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Order sweep could not wake {OrderKey}; the next sweep retries")]
    private partial void LogWakeFailed(Exception error, string orderKey);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Order sweep of range {Range} failed; the next sweep retries")]
    private partial void LogSweepFailed(Exception error, int range);
}
