using Npgsql;
using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>A product as the columns of qm_products hold it.</summary>
internal static class ProductColumns
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Select = "sku, name, unit, created_at, updated_at, version";

    public static Product Read(NpgsqlDataReader row) => new(
        row.GetString(0),
        row.GetString(1),
        row.IsDBNull(2) ? null : row.GetString(2),
        row.GetFieldValue<DateTimeOffset>(3),
        row.GetFieldValue<DateTimeOffset>(4),
        row.GetInt64(5));
}
