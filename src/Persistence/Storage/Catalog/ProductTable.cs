using Npgsql;
using NpgsqlTypes;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Catalog;
using Quartermaster.Grains.Search;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// A product as a row of qm_products, its columns the product list and search (name_words from the shared
/// <see cref="SearchText"/> rule). A write changes that one row, conditional on the version read, through the silo's
/// group commit.
/// </summary>
internal sealed class ProductTable(NpgsqlDataSource database, WriteFlusher flusher) : IStateTable<ProductState>
{
    public async Task ReadAsync(string grainType, string grainId, IGrainState<ProductState> state)
    {
        var key = GrainKeys.ParseProduct(grainId);
        await using var command = database.CreateCommand($"SELECT {ProductColumns.Select} FROM qm_products WHERE tenant_id = $1 AND sku = $2");
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.Sku);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return;
        }

        var product = ProductColumns.Read(reader);
        state.State = new ProductState { Product = product };
        state.ETag = StateVersion.Format(product.Version);
        state.RecordExists = true;
    }

    public async Task WriteAsync(string grainType, string grainId, IGrainState<ProductState> state)
    {
        var key = GrainKeys.ParseProduct(grainId);
        var product = state.State?.Product ?? throw new InvalidOperationException($"Product {grainId} has nothing to write.");
        var expected = StateVersion.Parse(state.ETag);
        var command = new NpgsqlBatchCommand(expected is null
            ? """
              INSERT INTO qm_products (tenant_id, sku, version, name, unit, name_words, created_at, updated_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE qm_products SET version = $3, name = $4, unit = $5, name_words = $6, created_at = $7, updated_at = $8
              WHERE tenant_id = $1 AND sku = $2 AND version = $9
              """);
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.Sku);
        command.Parameters.AddWithValue(product.Version);
        command.Parameters.AddWithValue(product.Name);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)product.Unit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(SearchText.NameWords(product.Name));
        command.Parameters.AddWithValue(product.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue(product.UpdatedAt.ToUniversalTime());
        if (expected is not null)
        {
            command.Parameters.AddWithValue(expected.Value);
        }

        await flusher.WriteAsync(new StateWrite(command));
        if (command.Rows != 1)
        {
            throw StaleWrite.For(grainType, grainId, state.ETag);
        }

        state.ETag = StateVersion.Format(product.Version);
        state.RecordExists = true;
    }

    /// <summary>Products are never deleted.</summary>
    public Task ClearAsync(string grainType, string grainId, IGrainState<ProductState> state) =>
        throw new NotSupportedException("Products are never cleared.");
}
