using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Imports;
using Quartermaster.Grains.Imports;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Storage.Imports;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>The listing the import sweep pages through, the same on PostgreSQL and in memory.</summary>
public sealed class ImportRowStoreContractTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Theory]
    [InlineData("postgresql")]
    [InlineData("memory")]
    public async Task Imports_with_rows_are_listed_once_each_in_key_order_page_by_page(string store)
    {
        await using var source = PostgresDataSource.Create(database.ConnectionString);
        IImportRowStore rows = store == "memory" ? new MemoryImportRowStore(TimeProvider.System) : new PostgresImportRowStore(source, StorageFailures.WithoutBreaker);
        var before = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        var prefix = $"t-{Guid.NewGuid():N}";
        ImportRow[] row = [new ImportRow(2, Sku: "p", WarehouseId: "w", MovementId: "m", Quantity: 1)];
        await rows.WriteAsync($"{prefix}-b", "i0", 0, row);
        await rows.WriteAsync($"{prefix}-a", "i2", 0, row);
        await rows.WriteAsync($"{prefix}-a", "i1", 0, row);
        await rows.WriteAsync($"{prefix}-a", "i1", 1, row);

        var start = new ImportKey(prefix, "");
        var first = await rows.ImportsWithRowsAsync(start, limit: 2);
        Assert.Equal([new ImportKey($"{prefix}-a", "i1"), new ImportKey($"{prefix}-a", "i2")], first.Select(i => i.Key));
        Assert.All(first, i => Assert.InRange(i.LastWrittenAt, before, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1)));
        var second = await rows.ImportsWithRowsAsync(first[^1].Key, limit: 2);
        Assert.Equal(new ImportKey($"{prefix}-b", "i0"), second[0].Key);
        Assert.All(second.Skip(1), i => Assert.False(i.Key.TenantId.StartsWith(prefix, StringComparison.Ordinal)));

        await rows.DeleteAsync($"{prefix}-a", "i1");
        var afterDelete = (await rows.ImportsWithRowsAsync(start, limit: 10)).Select(i => i.Key).Where(k => k.TenantId.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal([new ImportKey($"{prefix}-a", "i2"), new ImportKey($"{prefix}-b", "i0")], afterDelete);
    }
}
