using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Quartermaster.Cluster.Tests.Harness;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Storage.GroupCommit;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// Rule 1, shown directly: two activations of one stock item read the same version (what a membership
/// change can briefly cause); the first write wins, the second is refused and changes nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StaleWriteTests(BackingServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_activation_writing_from_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var database = NpgsqlDataSource.Create(servers.PostgresConnection(await servers.CreateDatabaseAsync()));
        var flusher = new WriteFlusher(database, Options.Create(new GroupCommitOptions()), NullLogger<WriteFlusher>.Instance);
        var storage = new TableGrainStorage<StockItemState>("stock", new StockItemTable(database, flusher));
        var grainId = GrainId.Create("stockitem", "tenant-a/sku-1/main");

        var first = new StoredState<StockItemState>();
        var stale = new StoredState<StockItemState>();
        await storage.ReadStateAsync("stock", grainId, first);
        await storage.ReadStateAsync("stock", grainId, stale);

        Receive(first.State, "from-first", 5);
        await storage.WriteStateAsync("stock", grainId, first);
        Receive(stale.State, "from-stale", 9);
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("stock", grainId, stale));
        output.WriteLine($"stale write attempted and refused: {refused.Message}");

        var stored = new StoredState<StockItemState>();
        await storage.ReadStateAsync("stock", grainId, stored);
        Assert.Equal((5L, 1L), (stored.State.OnHand, stored.State.LastSeq));
        var ledger = await new PostgresStockHistory(database).ReadLedgerAsync(new StockItemKey("tenant-a", "sku-1", "main"), 0, 10, 10);
        Assert.Equal(["from-first"], ledger.Items.Select(e => e.MovementId));
    }

    private static void Receive(StockItemState state, string movementId, long quantity)
    {
        state.OnHand += quantity;
        state.LastSeq++;
        state.Unwritten().Ledger.Add(new LedgerEntry(state.LastSeq, movementId, LedgerEntryType.Receipt, quantity, state.OnHand, state.Reserved,
            DateTimeOffset.UtcNow, null, null));
    }

    private sealed class StoredState<T> : IGrainState<T>
        where T : new()
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
