using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Imports;

/// <summary>
/// One import. Its rows wait in <see cref="IImportRowStore"/> in chunks; a timer applies one chunk per tick and
/// records the chunk as done with its counts, so a call to <see cref="Get"/> waits at most one chunk. After a crash,
/// the order sweep (<see cref="Resume"/>, every few seconds for every import holding rows) or any other call
/// activates it again, and it resumes at the first chunk not recorded as done: its rows are applied again, which
/// their ids make harmless (a row applied before the crash counts as skipped).
/// </summary>
public sealed partial class ImportGrain(
    [PersistentState(StateNames.Import, StorageNames.Business)] IPersistentState<ImportState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    IImportRowStore rowStore,
    IEventLog events,
    ILogger<ImportGrain> logger)
    : Grain, IImportGrain, IRemindable
{
    /// <summary>
    /// Rows applied at once. An import is one client of the grains among the tenant's interactive traffic; a few
    /// calls at a time keep it from taking over the stock items and the silo's write flushes.
    /// </summary>
    public const int Parallelism = 8;

    /// <summary>The per-import reminder of earlier releases, removed once its import is not running.</summary>
    private const string ResumeReminder = "import-resume";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>After a chunk failed (a store down, say), the wait before the chunk is tried again.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private ImportKey _key;
    private IGrainTimer? _timer;

    private ImportState Import => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseImport(this.GetPrimaryKeyString());
        if (Import.Status == ImportStatus.Running)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    /// <summary>A file that never finished arriving (its frontend died mid-upload) leaves no rows behind.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!state.RecordExists && Import.Chunks > 0)
        {
            await rowStore.DeleteAsync(_key.TenantId, _key.ImportId);
        }
    }

    public Task Begin(ImportKind kind, int maxWarehouses)
    {
        if (state.RecordExists || Import.Chunks > 0)
        {
            throw new InvalidOperationException($"Import '{_key.ImportId}' has begun already.");
        }

        Import.Kind = kind;
        Import.MaxWarehouses = maxWarehouses;
        Import.Status = ImportStatus.Receiving;
        Import.StartedAt = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task Append(IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportError> errors)
    {
        EnsureReceiving();
        if (rows.Count > 0)
        {
            await rowStore.WriteAsync(_key.TenantId, _key.ImportId, Import.Chunks, rows);
            Import.Chunks++;
        }

        Import.Fail(errors);
    }

    public async Task<ImportView> Start(long rowsTotal)
    {
        EnsureReceiving();
        Import.RowsTotal = rowsTotal;
        Import.Status = ImportStatus.Running;
        await state.WriteOrDropAsync(this);
        StartTimer();
        return Import.View(_key.ImportId);
    }

    public async Task Abandon(string reason)
    {
        LogAbandoned(_key.TenantId, _key.ImportId, reason);
        await rowStore.DeleteAsync(_key.TenantId, _key.ImportId);
        DeactivateOnIdle();
    }

    public async Task Resume(DateTimeOffset lastRowsWrittenAt)
    {
        // An activation applying the import keeps its timer until its finish is written; a file without a record may
        // still be arriving.
        var stored = state.RecordExists;
        if (_timer is not null || (stored && Import.Status == ImportStatus.Running)
            || (!stored && clock.GetUtcNow() - lastRowsWrittenAt < IImportGrain.AbandonedAfter))
        {
            return;
        }

        // Finished before it deleted its rows, or a file that stopped arriving: no activation will ever apply them.
        LogRowsCollected(_key.TenantId, _key.ImportId, stored ? Import.Status.ToString() : "never started");
        await rowStore.DeleteAsync(_key.TenantId, _key.ImportId);
        if (!stored)
        {
            DeactivateOnIdle();
        }
    }

    public Task<ImportView?> Get() => Task.FromResult(state.RecordExists ? Import.View(_key.ImportId) : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Import.Status == ImportStatus.Running)
        {
            StartTimer();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void EnsureReceiving()
    {
        if (Import.Status != ImportStatus.Receiving || state.RecordExists)
        {
            throw new InvalidOperationException($"Import '{_key.ImportId}' is {Import.Status}, not receiving its file.");
        }
    }

    private void StartTimer()
    {
        if (_timer is null)
        {
            LogRunning(_key.TenantId, _key.ImportId, Import.NextChunk, Import.Chunks);
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Tick) { KeepAlive = true });
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ApplyNextChunkAsync();
        }
        catch (Exception error)
        {
            // The chunk is applied again from its first row: its rows that went through are skipped then.
            LogChunkFailed(error, _key.TenantId, _key.ImportId, Import.NextChunk);
            _timer?.Change(RetryAfterFailure, Tick);
        }
    }

    private async Task ApplyNextChunkAsync()
    {
        if (Import.Status != ImportStatus.Running)
        {
            return;
        }

        if (Import.NextChunk >= Import.Chunks)
        {
            await FinishAsync();
            return;
        }

        if (await rowStore.ReadAsync(_key.TenantId, _key.ImportId, Import.NextChunk) is not { } chunk)
        {
            // Memory mode after a restart: the file is gone with the process.
            Import.Fail([new ImportError(0, "body", "The import's rows were lost with the process that held them; post the file again.")]);
            Import.Status = ImportStatus.Failed;
            await FinishAsync();
            return;
        }

        var applier = new ImportRowApplier(GrainFactory, _key.TenantId, Import.Kind, Import.MaxWarehouses);
        foreach (var outcome in await ImportBatches.ApplyAsync(chunk, Import.Kind, applier.ApplyAsync, Parallelism))
        {
            if (outcome.Error is { } error)
            {
                Import.Fail([error]);
            }
            else if (outcome.Applied)
            {
                Import.RowsApplied++;
            }
            else
            {
                Import.RowsSkipped++;
            }
        }

        Import.NextChunk++;
        await state.WriteOrDropAsync(this);
    }

    private async Task FinishAsync()
    {
        var now = clock.GetUtcNow();
        if (Import.Status == ImportStatus.Running)
        {
            Import.Status = Import.RowsFailed == 0 ? ImportStatus.Succeeded : ImportStatus.CompletedWithErrors;
        }

        Import.FinishedAt = now;
        var finished = new PendingEvent(EventTypes.ImportFinished, now, new EventData(Import: Import.View(_key.ImportId) with { Errors = [] }));
        await state.WriteWithEventsAsync(this, events, new UnwrittenEvents(_key.TenantId, [finished]));

        _timer?.Dispose();
        _timer = null;
        await rowStore.DeleteAsync(_key.TenantId, _key.ImportId);
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        LogFinished(_key.TenantId, _key.ImportId, Import.Status, Import.RowsApplied, Import.RowsSkipped, Import.RowsFailed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of tenant {TenantId} runs on this silo from chunk {NextChunk} of {Chunks}")]
    private partial void LogRunning(string tenantId, string importId, int nextChunk, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of tenant {TenantId} finished {Status}: {Applied} applied, {Skipped} skipped, {Failed} failed")]
    private partial void LogFinished(string tenantId, string importId, ImportStatus status, long applied, long skipped, long failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} of tenant {TenantId}: chunk {Chunk} failed; trying it again shortly")]
    private partial void LogChunkFailed(Exception error, string tenantId, string importId, int chunk);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of tenant {TenantId} ({Status}) had rows left behind; deleted them")]
    private partial void LogRowsCollected(string tenantId, string importId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} of tenant {TenantId} was abandoned before it started: {Reason}")]
    private partial void LogAbandoned(string tenantId, string importId, string reason);
}
