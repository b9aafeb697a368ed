using System.Text;
using Npgsql;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Catalog;
using Quartermaster.Grains.Search;
using Quartermaster.Persistence.Hosting;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// GET /products straight from qm_products in sku order, continuing after a sku: what the products' last acknowledged
/// writes left. The text rule is <see cref="SearchText"/>'s: a sku prefix, or every word a prefix of a word of the
/// name. The prefix reads its key ranges (<see cref="SkuPrefixRanges"/>) in order and stops at the page, whatever the
/// number of matches or where they sit. For the words no one plan suits every text: a word on every tenth product is
/// found fastest by walking the keys in order and stopping at the page, a word on ten products through its trigrams,
/// and PostgreSQL's estimate of a text's matches assumes its words independent, which the words of a product kind
/// ("flange gasket") are not. So a search first walks at most <see cref="WalkBudget"/> products in key order; if
/// that fills the page it is the answer, and only otherwise does the search ask for every match by the plan
/// PostgreSQL picks. It runs on <see cref="TextSearchDatabase"/>, so each text gets its own plan.
/// </summary>
internal sealed class PostgresProductSearch(TextSearchDatabase database) : IProductSearch
{
    /// <summary>About 10 ms of filtering at most; a word on more than one product in 400 fills a page of 50 within it.</summary>
    public const int WalkBudget = 20_000;

    /// <summary>The rows are the list: the product's own write filled them.</summary>
    public Task RecordAsync(ProductKey key, Product product) => Task.CompletedTask;

    public async Task<Page<Product>> SearchAsync(string tenantId, ProductQuery query, CancellationToken cancellationToken)
    {
        var text = query.Text;
        var words = text is null ? [] : SearchText.Words(text);
        if (text is not null && words.Count > 0)
        {
            var walked = await ReadAsync(tenantId, query, s => s.SkuPrefix(text).NameWords(words, WalkBudget), cancellationToken);
            if (walked.Count(row => row.FromWalk) > query.Limit)
            {
                return PageOf(walked.Select(row => row.Product), query.Limit);
            }
        }

        var rows = await ReadAsync(tenantId, query, s => text is null ? s.Everything() : words.Count == 0 ? s.SkuPrefix(text) : s.SkuPrefix(text).NameWords(words, null), cancellationToken);
        return PageOf(rows.Select(row => row.Product), query.Limit);
    }

    private async Task<List<(Product Product, bool FromWalk)>> ReadAsync(
        string tenantId, ProductQuery query, Func<ProductSearchStatement, ProductSearchStatement> build, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand();
        var statement = build(new ProductSearchStatement(command, tenantId, query));
        var rows = new List<(Product, bool)>();
        if (statement.IsEmpty)
        {
            return rows;
        }

        command.CommandText = statement.Text;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((ProductColumns.Read(reader), reader.GetBoolean(ProductColumns.Count)));
        }

        return rows;
    }

    /// <summary>The branches' rows merged: each product once, in sku order, cut to the page.</summary>
    private static Page<Product> PageOf(IEnumerable<Product> rows, int limit)
    {
        var products = rows.DistinctBy(p => p.Sku).OrderBy(p => p.Sku, StringComparer.Ordinal).Take(limit + 1).ToList();
        var page = products.Take(limit).ToList();
        return new Page<Product>(page, products.Count > limit ? page[^1].Sku : null);
    }
}
