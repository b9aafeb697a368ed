using Quartermaster.Persistence.Storage;

namespace Quartermaster.Persistence.Hosting;

/// <summary>
/// Orleans' ADO.NET reminder table behind the PostgreSQL breaker and failure mapping. The reminder service runs on
/// whichever silo owns the grain's range, so a database failure in reminder registration travels back to the
/// calling grain as a message: as Npgsql's exception it cannot be serialised (the caller saw a codec failure, a
/// 500); as <see cref="Grains.Abstractions.Common.GrainUnavailableException"/> it arrives and becomes a 503.
/// </summary>
internal sealed class GuardedReminderTable(IReminderTable inner, StorageFailures failures) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => failures.Guard(() => inner.ReadRows(grainId));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => failures.Guard(() => inner.ReadRows(begin, end));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => failures.Guard(() => inner.ReadRow(grainId, reminderName));

    public Task<string?> UpsertRow(ReminderEntry entry) => failures.Guard(() => inner.UpsertRow(entry));

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => failures.Guard(() => inner.RemoveRow(grainId, reminderName, eTag));

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
}
