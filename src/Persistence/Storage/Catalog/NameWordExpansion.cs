using Npgsql;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// What each typed word stands for in a tenant's product names: the distinct name words it is a prefix of, read from
/// qm_product_words by hopping from one word to the next (one short index probe per word, however many products
/// share it), up to <see cref="MaxWords"/> of them. A typed word that stands for exactly one name word can be read as
/// that word's products in sku order; one that stands for several is left to a filter on the name.
/// </summary>
internal static class NameWordExpansion
{
    public const int MaxWords = 16;

    private const string Sql = """
        SELECT typed.position, expanded.word
        FROM unnest($2::text[]) WITH ORDINALITY AS typed(prefix, position)
        CROSS JOIN LATERAL (
            WITH RECURSIVE hop(word, n) AS (
                (SELECT word, 1 FROM qm_product_words WHERE tenant_id = $1 AND word >= typed.prefix ORDER BY word LIMIT 1)
                UNION ALL
                (SELECT next.word, hop.n + 1 FROM hop CROSS JOIN LATERAL
                    (SELECT word FROM qm_product_words WHERE tenant_id = $1 AND word > hop.word ORDER BY word LIMIT 1) AS next
                 WHERE hop.n <= $3 AND starts_with(hop.word, typed.prefix)))
            SELECT word FROM hop WHERE starts_with(word, typed.prefix)) AS expanded
        """;

    /// <returns>For each typed word, in order, the name words it starts (more than <see cref="MaxWords"/> when there are more).</returns>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ExpandAsync(
        NpgsqlDataSource database, string tenantId, IReadOnlyList<string> typed, CancellationToken cancellationToken)
    {
        var words = typed.Select(_ => new List<string>()).ToArray();
        await using var command = database.CreateCommand(Sql);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(typed.ToArray());
        command.Parameters.AddWithValue(MaxWords);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            words[reader.GetInt64(0) - 1].Add(reader.GetString(1));
        }

        return words;
    }
}
