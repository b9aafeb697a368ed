using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Orders;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Storage.GroupRead;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>Reads asked for while earlier ones are in flight share one statement, and each caller gets its own row.</summary>
public sealed class ReadBatcherTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Reads_queued_behind_busy_batches_go_out_together_and_each_caller_gets_its_own_row()
    {
        var batches = new List<IReadOnlyList<int>>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new ReadBatcher<int, string>(async keys =>
        {
            lock (batches)
            {
                batches.Add(keys);
            }

            await release.Task;
            return keys.Where(k => k % 2 == 0).ToDictionary(k => k, k => $"row {k}");
        });

        // The first two reads take both slots and wait; the next forty queue behind them.
        var reads = Enumerable.Range(0, 42).Select(reader.ReadAsync).ToList();
        release.SetResult();
        var rows = await Task.WhenAll(reads);

        Assert.Equal(Enumerable.Range(0, 42).Select(k => k % 2 == 0 ? $"row {k}" : null), rows);
        Assert.Equal(42, batches.Sum(b => b.Count));
        Assert.True(batches.Count <= 4, $"42 reads took {batches.Count} statements");
    }

    [Fact]
    public async Task A_failed_statement_fails_every_read_of_its_batch_and_the_next_batch_still_runs()
    {
        var calls = 0;
        var reader = new ReadBatcher<int, string>(keys => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("the database said no")
            : Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => $"row {k}")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.ReadAsync(1));
        Assert.Equal("row 2", await reader.ReadAsync(2));
    }

    [Fact]
    public async Task Concurrent_order_reads_return_each_stored_order_and_nothing_for_absent_ones()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var stored = new StoredOrders(source);
        var table = new OrderTable(stored, TestFlusher.For(source));
        const string tenant = "t-reads";
        for (var i = 0; i < 30; i++)
        {
            var order = new OrderState { Status = OrderStatus.Confirmed, CustomerRef = $"c-{i}", Lines = [new OrderLine($"sku-{i}", "w1", i + 1)] };
            await table.WriteAsync("order", GrainKeys.Order(tenant, $"o-{i}"), new GrainState<OrderState>(order));
        }

        var reads = Enumerable.Range(0, 60).Select(i => stored.ReadAsync(new OrderKey(tenant, $"o-{i}"))).ToList();
        var rows = await Task.WhenAll(reads);

        for (var i = 0; i < 60; i++)
        {
            if (i < 30)
            {
                Assert.NotNull(rows[i]);
                Assert.Equal(1, rows[i]!.Version);
                var state = new GrainState<OrderState>(new OrderState());
                await table.ReadAsync("order", GrainKeys.Order(tenant, $"o-{i}"), state);
                var order = state.State!;
                Assert.Equal($"c-{i}", order.CustomerRef);
                Assert.Equal(i + 1, order.Lines.Single().Quantity);
            }
            else
            {
                Assert.Null(rows[i]);
            }
        }
    }
}
