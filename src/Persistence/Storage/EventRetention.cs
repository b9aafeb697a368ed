using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// Deletes events, and the webhook deliveries and customer listings (qm_customer_events) of events, older than <see cref="Retention"/> (the contract keeps
/// events at least 30 days; a delivery is settled 72 hours after its event at the latest), every
/// <see cref="Period"/> from a random moment within the first, in batches so no statement holds many rows. Every
/// silo runs it; a session advisory lock lets one silo at a time do the work.
/// </summary>
internal sealed partial class EventRetention(NpgsqlDataSource database, TimeProvider clock, ILogger<EventRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(31);
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private const int BatchSize = 10_000;
    private const long LockKey = 0x716d_6576_656e_7473; // "qmevents"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not at start, or rolling restarts would each cost a delete. A random part of a period rather than a whole
        // one, so a cluster whose silos all restart more often than every period still prunes.
        await Task.Delay(Period * Random.Shared.NextDouble(), clock, stoppingToken);
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                var deleted = await PruneAsync(clock.GetUtcNow() - Retention, stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(deleted);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the events and deliveries created before <paramref name="before"/>; 0 when another silo holds the lock.</summary>
    public async Task<long> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
        {
            take.Parameters.AddWithValue(LockKey);
            if (await take.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        try
        {
            return await DeleteInBatchesAsync(connection, "qm_events", before, cancellationToken)
                + await DeleteInBatchesAsync(connection, "qm_webhook_deliveries", before, cancellationToken)
                + await DeleteInBatchesAsync(connection, "qm_customer_events", before, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            release.Parameters.AddWithValue(LockKey);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Skips rows another transaction holds (an erasure stripping a customer's old events): retention never waits,
    /// so it cannot deadlock with a write, and what it skipped goes next period.
    /// </summary>
    private static async Task<long> DeleteInBatchesAsync(NpgsqlConnection connection, string table, DateTimeOffset before, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var delete = new NpgsqlCommand(
                $"DELETE FROM {table} WHERE ctid = ANY (ARRAY(SELECT ctid FROM {table} WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))", connection);
            delete.Parameters.AddWithValue(before.ToUniversalTime());
            delete.Parameters.AddWithValue(BatchSize);
            var rows = await delete.ExecuteNonQueryAsync(cancellationToken);
            total += rows;
            if (rows < BatchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Pruned {Count} rows of events, webhook deliveries and customer event listings past their retention")]
    private partial void LogPruned(long count);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Pruning old events failed; trying again next period")]
    private partial void LogFailed(Exception error);
}
