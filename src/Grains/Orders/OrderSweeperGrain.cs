using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Imports;
using Quartermaster.Grains.Stock;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// Sweeps one hash range every <see cref="SweepOptions.Period"/> (a grain timer): wakes the orders that are
/// due, then the stock items holding a hold past its expiry (which an active item expires itself, so these are
/// items that were not active when it fell due); the sweeper of range 0 also wakes every import that holds rows, so
/// an import whose silo died runs again on a survivor. One reminder keeps it alive, and every silo pings it
/// (<see cref="OrderSweepKeeper"/>), so after a silo dies it is sweeping on a survivor within a few seconds of
/// membership declaring the death.
/// </summary>
public sealed partial class OrderSweeperGrain(
    IOrderDueIndex dueOrders,
    IHoldDueIndex dueHolds,
    IImportRowStore importRows,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    IOptions<SweepOptions> options,
    ILogger<OrderSweeperGrain> logger)
    : Grain, IOrderSweeperGrain, IRemindable
{
    private const string KeepAliveReminder = "order-sweep";

    /// <summary>Imports are few (one per file being applied), so one sweeper wakes them all.</summary>
    private const int ImportRange = 0;

    private int Range => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.Period));
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
        await SweepIndexAsync("orders", (after, ct) => dueOrders.DueAsync(Range, now, after, OrderSweep.PageSize, ct), WakeOrderAsync, cancellationToken);
        await SweepIndexAsync("holds", (after, ct) => dueHolds.DueAsync(Range, now, after, OrderSweep.PageSize, ct), WakeStockItemAsync, cancellationToken);
        if (Range == ImportRange)
        {
            await SweepImportsAsync(cancellationToken);
        }
    }

    private async Task SweepImportsAsync(CancellationToken cancellationToken)
    {
        ImportKey? after = null;
        try
        {
            for (var page = 0; page < OrderSweep.MaxPagesPerSweep && !cancellationToken.IsCancellationRequested; page++)
            {
                var imports = await importRows.ImportsWithRowsAsync(after, OrderSweep.PageSize);
                await Task.WhenAll(imports.Select(WakeImportAsync));
                if (imports.Count < OrderSweep.PageSize)
                {
                    return;
                }

                after = imports[^1].Key;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogSweepFailed(error, "imports", Range);
        }
    }

    /// <summary>A running import is woken every sweep while it runs: a call to an active one costs next to nothing.</summary>
    private async Task WakeImportAsync(ImportWithRows import)
    {
        var key = GrainKeys.Import(import.Key.TenantId, import.Key.ImportId);
        try
        {
            await GrainFactory.GetGrain<IImportGrain>(key).Resume(import.LastWrittenAt).WaitAsync(OrderSweep.WakeTimeout);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogWakeFailed(error, key);
        }
    }

    private async Task SweepIndexAsync(
        string index, Func<DueEntry?, CancellationToken, Task<IReadOnlyList<DueEntry>>> readDue, Func<DueEntry, Task> wake, CancellationToken cancellationToken)
    {
        DueEntry? after = null;
        try
        {
            for (var page = 0; page < OrderSweep.MaxPagesPerSweep; page++)
            {
                var due = await readDue(after, cancellationToken);
                await Task.WhenAll(due.Select(wake));
                if (due.Count < OrderSweep.PageSize)
                {
                    return;
                }

                after = due[^1];
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogSweepFailed(error, index, Range);
        }
    }

    /// <summary>An order that cannot be woken now stays due, and the next sweep tries again.</summary>
    private async Task WakeOrderAsync(DueEntry due)
    {
        try
        {
            await GrainFactory.GetGrain<IOrderGrain>(due.Key).Sweep().WaitAsync(OrderSweep.WakeTimeout);
            LogWoken(due.Key, due.DueAt);
            QuartermasterMetrics.OrderSwept("woken");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogWakeFailed(error, due.Key);
            QuartermasterMetrics.OrderSwept("failed");
        }
    }

    /// <summary>Activating the item arms its expiry timer, and expiring what is due now ends the holds the sweep found.</summary>
    private async Task WakeStockItemAsync(DueEntry due)
    {
        try
        {
            await GrainFactory.GetGrain<IStockItemGrain>(due.Key).ExpireDueHolds().WaitAsync(OrderSweep.WakeTimeout);
            LogWoken(due.Key, due.DueAt);
            QuartermasterMetrics.HoldsSwept("woken");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogWakeFailed(error, due.Key);
            QuartermasterMetrics.HoldsSwept("failed");
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Sweep woke {GrainKey} (due at {DueAt:O})")]
    private partial void LogWoken(string grainKey, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Sweep could not wake {GrainKey}; the next sweep retries")]
    private partial void LogWakeFailed(Exception error, string grainKey);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Sweep of {Index} in range {Range} failed; the next sweep retries")]
    private partial void LogSweepFailed(Exception error, string index, int range);
}
