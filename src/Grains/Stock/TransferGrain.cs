using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// Takes stock out of the source, then puts it into the destination. Both sides are idempotent by
/// movement id, so a transfer interrupted between them is finished by its reminder, never applied twice.
/// </summary>
public sealed class TransferGrain(
    [PersistentState(StateNames.Transfer, StorageNames.Business)] IPersistentState<TransferState> state,
    IEventLog events,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock)
    : Grain, ITransferGrain, IRemindable
{
    private const string ResumeReminder = "transfer-resume";

    private TransferKey Key => GrainKeys.ParseTransfer(this.GetPrimaryKeyString());

    public async Task<Outcome<TransferResult>> Execute(TransferRequest request)
    {
        if (state.State.Request is { } recorded && recorded != request)
        {
            return Failure.Conflict($"Movement '{Key.MovementId}' was already used for another transfer of this product.");
        }

        if (state.State.Result is not null)
        {
            return await CurrentAsync(request);
        }

        var destination = StockItem(request.ToWarehouseId);
        if ((await destination.Get()).Failure is { } missing)
        {
            return missing;
        }

        state.State.Request = request;
        await state.WriteOrDropAsync(this);
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        return await FinishAsync(request);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State is { Request: { } request, Result: null })
        {
            await FinishAsync(request);
        }
        else
        {
            await DropReminderAsync();
        }
    }

    private async Task<Outcome<TransferResult>> FinishAsync(TransferRequest request)
    {
        var key = Key;
        var taken = await StockItem(request.FromWarehouseId)
            .Apply(new Movement(key.MovementId, LedgerEntryType.TransferOut, request.Quantity, null, request.ToWarehouseId));
        if (taken.Failure is { } refused)
        {
            await state.ClearOrDropAsync(this);
            await DropReminderAsync();
            return refused;
        }

        var given = await StockItem(request.ToWarehouseId)
            .Apply(new Movement(key.MovementId, LedgerEntryType.TransferIn, request.Quantity, null, request.FromWarehouseId));
        if (given.Failure is { } failed)
        {
            // The source already gave the stock; the reminder keeps retrying until the destination takes it.
            throw new GrainUnavailableException($"Transfer '{key.MovementId}' could not be received: {failed.Detail}");
        }

        state.State.Result = new TransferResult(taken.Value!, given.Value!);
        var completed = new TransferView(key.MovementId, key.Sku, request.FromWarehouseId, request.ToWarehouseId, request.Quantity, state.State.Result);
        var unwritten = new UnwrittenEvents(key.TenantId, [new PendingEvent(EventTypes.TransferCompleted, clock.GetUtcNow(), new EventData(Transfer: completed))]);
        await state.WriteWithEventsAsync(this, events, unwritten);

        await DropReminderAsync();
        return state.State.Result;
    }

    /// <summary>
    /// A finished transfer sent again is answered as a re-sent receipt is: with both items as they are now, read
    /// from their grains, not as the transfer left them (that is what its transfer.completed event keeps).
    /// </summary>
    private async Task<Outcome<TransferResult>> CurrentAsync(TransferRequest request)
    {
        var reads = await Task.WhenAll(StockItem(request.FromWarehouseId).Get(), StockItem(request.ToWarehouseId).Get());
        if (reads.Select(r => r.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            return failure;
        }

        return new TransferResult(reads[0].Value!, reads[1].Value!);
    }

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IStockItemGrain StockItem(string warehouseId) =>
        GrainFactory.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Key.TenantId, Key.Sku, warehouseId));
}
