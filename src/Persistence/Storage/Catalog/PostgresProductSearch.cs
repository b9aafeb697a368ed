using System.Text;
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
/// name. The two halves are separate branches, each ordered and limited on its own: the prefix reads its key ranges
/// (<see cref="SkuPrefixRanges"/>) in order and stops at the page, whatever the number of matches or where they sit.
/// For the words, <see cref="NameWordExpansion"/> first finds the name words each typed word starts; a typed word that
/// starts one is that word's products, read from qm_product_words in sku order, and those reads are merged and stop
/// at the page; a typed word that starts several is a filter on the name. Only when none starts exactly one does the
/// planner choose between walking the keys and the name-word trigrams. Their union is then cut to the page. It runs on
/// <see cref="TextSearchDatabase"/>, so each text gets its own plan.
/// </summary>
internal sealed class PostgresProductSearch(TextSearchDatabase database) : IProductSearch
{
    /// <summary>The rows are the list: the product's own write filled them.</summary>
    public Task RecordAsync(ProductKey key, Product product) => Task.CompletedTask;

    public async Task<Page<Product>> SearchAsync(string tenantId, ProductQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand();
        string Parameter(object value)
        {
            command.Parameters.AddWithValue(value);
            return "$" + command.Parameters.Count;
        }

        var tenant = Parameter(tenantId);
        var afterSku = query.After is { } a ? Parameter(a) : null;
        var after = afterSku is null ? "" : " AND sku > " + afterSku;
        var limit = Parameter(query.Limit + 1);
        string Branch(string condition) =>
            $"(SELECT {ProductColumns.Select} FROM qm_products WHERE tenant_id = {tenant}{after} AND {condition} ORDER BY sku LIMIT {limit})";

        if (query.Text is not { } text)
        {
            command.CommandText = Branch("true");
        }
        else
        {
            var branches = new List<string>();
            var lower = text.ToLowerInvariant();
            if (ResourceId.IsValid(lower))
            {
                var ranges = SkuPrefixRanges.For(lower);
                var from = Parameter(ranges.Select(r => r.From).ToArray());
                var to = Parameter(ranges.Select(r => r.To).ToArray());
                var pattern = Parameter(LikePattern.Escape(lower) + "%");
                branches.Add($"""
                    (SELECT ranged.* FROM unnest({from}::text[], {to}::text[]) AS spelling(first, beyond)
                     CROSS JOIN LATERAL (SELECT {ProductColumns.Select} FROM qm_products
                                         WHERE tenant_id = {tenant}{after} AND sku >= spelling.first AND sku < spelling.beyond
                                           AND lower(sku) LIKE {pattern} ORDER BY sku LIMIT {limit}) AS ranged
                     ORDER BY sku LIMIT {limit})
                    """);
            }

            var typed = SearchText.Words(text).Distinct().ToList();
            var expanded = typed.Count == 0 ? [] : await NameWordExpansion.ExpandAsync(database.DataSource, tenantId, typed, cancellationToken);
            if (typed.Count > 0 && expanded.All(words => words.Count > 0))
            {
                string NameHas(string word) => "name_words LIKE " + Parameter("% " + LikePattern.Escape(word) + "%");
                var exact = expanded.Where(words => words.Count == 1).Select(words => words[0]).Distinct().ToList();
                var filters = typed.Where((_, i) => expanded[i].Count > 1).Select(NameHas).Prepend("true");
                if (exact.Count == 0)
                {
                    branches.Add(Branch(string.Join(" AND ", filters)));
                }
                else
                {
                    string Stream(int i) => $"qm_product_words AS w{i}";
                    string Key(int i) => $"w{i}.tenant_id = {tenant} AND w{i}.word = {Parameter(exact[i])}" + (afterSku is null ? "" : $" AND w{i}.sku > {afterSku}");
                    var joins = string.Concat(Enumerable.Range(1, exact.Count - 1).Select(i => $" JOIN {Stream(i)} ON {Key(i)} AND w{i}.sku = w0.sku"));
                    branches.Add($"""
                        (SELECT {ProductColumns.Select} FROM qm_products
                         JOIN (SELECT w0.sku AS named FROM {Stream(0)}{joins} WHERE {Key(0)}) AS having_words ON sku = having_words.named
                         WHERE tenant_id = {tenant} AND {string.Join(" AND ", filters)} ORDER BY sku LIMIT {limit})
                        """);
                }
            }

            command.CommandText = branches.Count == 0
                ? Branch("false")
                : $"SELECT * FROM ({string.Join(" UNION ", branches)}) AS matches ORDER BY sku LIMIT {limit}";
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
