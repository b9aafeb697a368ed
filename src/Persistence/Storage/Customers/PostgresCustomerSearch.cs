using System.Text;
using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Customers;
using Quartermaster.Grains.Search;

namespace Quartermaster.Persistence.Storage.Customers;

/// <summary>
/// GET /customers straight from qm_customers in ref order, continuing after a ref: what the customers' last
/// acknowledged writes left (a grain answers only after its row committed). The text rule is
/// <see cref="CustomerSearchText"/>'s: a ref or email prefix, or every word a prefix of a word of the name
/// (name_words holds them lowercased, each after a space). A tenant's customers are scanned in ref order until a
/// page is full; at the thousands of customers a tenant has, that is a few milliseconds.
/// </summary>
internal sealed class PostgresCustomerSearch(NpgsqlDataSource database) : ICustomerSearch
{
    /// <summary>The rows are the list: the customer's own write filled them.</summary>
    public Task RecordAsync(CustomerKey key, long version, Customer? customer) => Task.CompletedTask;

    public async Task<Page<Customer>> SearchAsync(string tenantId, CustomerQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue(tenantId);
        var sql = new StringBuilder($"SELECT {CustomerColumns.Select} FROM qm_customers WHERE tenant_id = $1 AND erased_at IS NULL");
        string Parameter(object value)
        {
            command.Parameters.AddWithValue(value);
            return "$" + command.Parameters.Count;
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = ").Append(Parameter(CustomerColumns.StatusName(status)));
        }

        if (query.Text is { } text)
        {
            var lowered = Parameter(text.ToLowerInvariant());
            var words = Parameter(SearchText.Words(text).ToArray());
            sql.Append($"""
                 AND (starts_with(lower(customer_ref), {lowered}) OR starts_with(lower(email), {lowered})
                    OR (cardinality({words}::text[]) > 0
                        AND NOT EXISTS (SELECT 1 FROM unnest({words}::text[]) AS w(word) WHERE strpos(name_words, ' ' || w.word) = 0)))
                """);
        }

        if (query.After is { } after)
        {
            sql.Append(" AND customer_ref > ").Append(Parameter(after));
        }

        sql.Append(" ORDER BY customer_ref LIMIT ").Append(Parameter(query.Limit + 1));
        command.CommandText = sql.ToString();

        var customers = new List<Customer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            customers.Add(CustomerColumns.Read(reader));
        }

        var page = customers.Take(query.Limit).ToList();
        return new Page<Customer>(page, customers.Count > query.Limit ? page[^1].CustomerRef : null);
    }
}
