using Npgsql;
using Quartermaster.Grains.Abstractions.Catalog;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// Builds one product search statement: branches, each ordered by sku and cut to the page (one row more, to know
/// whether a next page exists), read as their UNION ALL. Each row says whether it came from a bounded walk
/// (<see cref="NameWords"/> with a budget), so the caller can tell whether the walk filled the page.
/// </summary>
internal sealed class ProductSearchStatement
{
    private readonly NpgsqlCommand command;
    private readonly string tenant;
    private readonly string after;
    private readonly string limit;
    private readonly List<string> branches = [];

    public ProductSearchStatement(NpgsqlCommand command, string tenantId, ProductQuery query)
    {
        this.command = command;
        tenant = Parameter(tenantId);
        after = query.After is { } a ? " AND sku > " + Parameter(a) : "";
        limit = Parameter(query.Limit + 1);
    }

    public bool IsEmpty => branches.Count == 0;

    /// <summary>The statement, once every branch is added.</summary>
    public string Text => string.Join(" UNION ALL ", branches);

    public ProductSearchStatement Everything()
    {
        branches.Add($"(SELECT {ProductColumns.Select}, false FROM qm_products WHERE tenant_id = {tenant}{after} ORDER BY sku LIMIT {limit})");
        return this;
    }

    /// <summary>Skus starting with the text, case ignored: the key ranges of its spellings, each read in order.</summary>
    public ProductSearchStatement SkuPrefix(string text)
    {
        var lower = text.ToLowerInvariant();
        if (!SkuPrefixRanges.CouldStartSku(lower))
        {
            return this;
        }

        var ranges = SkuPrefixRanges.For(lower);
        var from = Parameter(ranges.Select(r => r.From).ToArray());
        var to = Parameter(ranges.Select(r => r.To).ToArray());
        var pattern = Parameter(LikePattern.Escape(lower) + "%");
        branches.Add($"""
            (SELECT ranged.*, false FROM unnest({from}::text[], {to}::text[]) AS spelling(first, beyond)
             CROSS JOIN LATERAL (SELECT {ProductColumns.Select} FROM qm_products
                                 WHERE tenant_id = {tenant}{after} AND sku >= spelling.first AND sku < spelling.beyond
                                   AND lower(sku) LIKE {pattern} ORDER BY sku LIMIT {limit}) AS ranged
             ORDER BY sku LIMIT {limit})
            """);
        return this;
    }

    /// <summary>
    /// Products whose name has a word starting with each of <paramref name="words"/>. With a <paramref name="walkBudget"/>,
    /// only among the first that many products in key order (a walk that stops early once the page is full); without
    /// one, among all of them, by whichever plan PostgreSQL estimates cheapest.
    /// </summary>
    public ProductSearchStatement NameWords(IReadOnlyList<string> words, int? walkBudget)
    {
        var matches = string.Join(" AND ", words.Select(w => "name_words LIKE " + Parameter("% " + LikePattern.Escape(w) + "%")));
        branches.Add(walkBudget is { } budget
            ? $"""
              (SELECT {ProductColumns.Select}, true
               FROM (SELECT {ProductColumns.Select}, name_words FROM qm_products WHERE tenant_id = {tenant}{after} ORDER BY sku LIMIT {Parameter(budget)}) AS walked
               WHERE {matches} ORDER BY sku LIMIT {limit})
              """
            : $"(SELECT {ProductColumns.Select}, false FROM qm_products WHERE tenant_id = {tenant}{after} AND {matches} ORDER BY sku LIMIT {limit})");
        return this;
    }

    private string Parameter(object value)
    {
        command.Parameters.AddWithValue(value);
        return "$" + command.Parameters.Count;
    }
}
