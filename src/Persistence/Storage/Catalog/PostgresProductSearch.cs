using System.Text;
using Npgsql;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Catalog;
using Quartermaster.Grains.Search;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// GET /products straight from qm_products in sku order, continuing after a sku: what the products' last acknowledged
/// writes left. The text rule is <see cref="SearchText"/>'s: a sku prefix, or every word a prefix of a word of the
/// name. The two halves are separate branches, each ordered and limited on its own, so the planner picks for each
/// the index that suits it (walking the keys in order when matches are many, the lower-sku range or the name-word
/// trigrams when they are few); their union is then cut to the page.
/// </summary>
internal sealed class PostgresProductSearch(NpgsqlDataSource database) : IProductSearch
{
    /// <summary>The rows are the list: the product's own write filled them.</summary>
    public Task RecordAsync(ProductKey key, Product product) => Task.CompletedTask;

    public async Task<Page<Product>> SearchAsync(string tenantId, ProductQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        string Parameter(object value)
        {
            command.Parameters.AddWithValue(value);
            return "$" + command.Parameters.Count;
        }

        var tenant = Parameter(tenantId);
        var after = query.After is { } a ? " AND sku > " + Parameter(a) : "";
        var limit = Parameter(query.Limit + 1);
        string Branch(string condition) =>
            $"(SELECT {ProductColumns.Select} FROM qm_products WHERE tenant_id = {tenant}{after} AND {condition} ORDER BY sku LIMIT {limit})";

        if (query.Text is not { } text)
        {
            command.CommandText = Branch("true");
        }
        else
        {
            var sql = new StringBuilder(Branch("lower(sku) LIKE " + Parameter(LikePattern.Escape(text.ToLowerInvariant()) + "%")));
            var words = SearchText.Words(text);
            if (words.Count > 0)
            {
                var each = words.Select(w => "name_words LIKE " + Parameter("% " + LikePattern.Escape(w) + "%"));
                sql.Append(" UNION ").Append(Branch(string.Join(" AND ", each)));
            }

            command.CommandText = $"SELECT * FROM ({sql}) AS matches ORDER BY sku LIMIT {limit}";
        }

        var products = new List<Product>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            products.Add(ProductColumns.Read(reader));
        }

        var page = products.Take(query.Limit).ToList();
        return new Page<Product>(page, products.Count > query.Limit ? page[^1].Sku : null);
    }
}
