using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartermaster.Grains.Telemetry;

namespace Quartermaster.Persistence.Storage.GroupCommit;

/// <summary>
/// The silo's group commit. Every business-state write is queued here; a flush takes everything queued
/// and runs it as one batch, <c>BEGIN; write; write; ...; COMMIT</c>, which is one round trip and one
/// transaction. A flush starts as soon as one of <see cref="GroupCommitOptions.MaxFlushesInFlight"/> slots
/// is free, so nothing waits on a timer: writes batch up only while every slot is busy.
/// <para>
/// Each write carries its own version fence, so a stale one simply matches no row and its neighbours
/// commit. A write whose statement fails (a constraint) aborts the transaction: it alone gets the error and
/// the rest of the flush runs again without it. Npgsql names the failed statement when the data source
/// includes failed batched commands, as <see cref="Hosting.PostgresDataSource"/>'s do; otherwise the flush
/// is split in halves until the failing write is alone. When COMMIT itself fails, or the connection or the
/// server fails transiently, every write of the flush gets the error. No write completes before its flush
/// has committed.
/// </para>
/// </summary>
internal sealed partial class WriteFlusher(NpgsqlDataSource database, IOptions<GroupCommitOptions> options, ILogger<WriteFlusher> logger)
{
    private readonly BatchSlots<StateWrite> _slots = new(options.Value.MaxFlushesInFlight, options.Value.MaxWritesPerFlush);

    /// <summary>Completes when the flush that carried the write has committed; throws what made it fail otherwise.</summary>
    public Task WriteAsync(StateWrite write)
    {
        if (_slots.Enqueue(write))
        {
            QuartermasterMetrics.FlushSlotTaken();
            // A flush belongs to no caller: it must not run inside the caller's grain context or trace.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(FlushWhileQueuedAsync);
            }
        }

        return write.Completion;
    }

    /// <summary>One slot: flushes until the queue is empty, then gives the slot back.</summary>
    private async Task FlushWhileQueuedAsync()
    {
        while (_slots.TakeBatch() is { } writes)
        {
            await FlushAsync(writes);
        }

        QuartermasterMetrics.FlushSlotFreed();
    }

    private async Task FlushAsync(List<StateWrite> writes)
    {
        while (writes.Count > 0)
        {
            try
            {
                await CommitAsync(writes);
            }
            catch (PostgresException error) when (!error.IsTransient && error.BatchCommand is { } failed && writes.Find(w => w.Owns(failed)) is { } poisoned)
            {
                // Its own statement failed, so the transaction was rolled back and nobody committed.
                LogWriteIsolated(error.SqlState, writes.Count - 1);
                QuartermasterMetrics.WriteIsolated();
                writes.Remove(poisoned);
                poisoned.Failed(error);
                continue;
            }
            catch (PostgresException error) when (!error.IsTransient && error.BatchCommand is null && writes.Count > 1)
            {
                // Not told which statement failed (a data source without IncludeFailedBatchedCommand): halve the flush
                // until the failing write is alone. A failed COMMIT ends the same way, one error per write.
                LogFlushSplit(error.SqlState, writes.Count);
                var half = writes.Count / 2;
                await FlushAsync(writes.GetRange(0, half));
                await FlushAsync(writes.GetRange(half, writes.Count - half));
                return;
            }
            catch (Exception error)
            {
                // COMMIT failed (nothing applied), or the connection or server did (a transient error: the outcome
                // may be unknown): either way no caller may be told it committed. Each grain drops its activation
                // and reloads what is stored.
                LogFlushFailed(error, writes.Count);
                QuartermasterMetrics.FlushFailed();
                foreach (var write in writes)
                {
                    write.Failed(error);
                }

                return;
            }

            QuartermasterMetrics.FlushCommitted(writes.Count);
            foreach (var write in writes)
            {
                write.Committed();
            }

            return;
        }
    }

    /// <summary>
    /// BEGIN and COMMIT travel in the batch, so the whole flush is one round trip. After a failing statement
    /// PostgreSQL skips the rest of the batch, COMMIT included, and leaves the transaction aborted; it is rolled
    /// back here before the connection returns to the pool.
    /// </summary>
    private async Task CommitAsync(List<StateWrite> writes)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = connection.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        foreach (var write in writes)
        {
            foreach (var command in write.Commands)
            {
                batch.BatchCommands.Add(command);
            }
        }

        var commit = new NpgsqlBatchCommand("COMMIT");
        batch.BatchCommands.Add(commit);
        try
        {
            await batch.ExecuteNonQueryAsync();
        }
        catch (PostgresException error) when (error.BatchCommand != commit && connection.State == System.Data.ConnectionState.Open)
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync();
            throw;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "A write failed inside a group-commit flush (SQLSTATE {SqlState}); only its caller gets the error, {Others} other writes are flushed again")]
    private partial void LogWriteIsolated(string sqlState, int others);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "A group-commit flush of {Count} writes failed (SQLSTATE {SqlState}) without naming the statement; flushing its halves apart")]
    private partial void LogFlushSplit(string sqlState, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "A group-commit flush of {Count} writes failed; every one of its callers gets the error")]
    private partial void LogFlushFailed(Exception error, int count);
}
