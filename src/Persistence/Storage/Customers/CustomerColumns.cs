using System.Text.Json;
using Npgsql;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Persistence.Storage.Customers;

/// <summary>A customer as the columns of qm_customers hold it, both ways.</summary>
internal static class CustomerColumns
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Select = "customer_ref, version, status, name, email, phone, attributes::text, created_at, updated_at";

    public static string StatusName(CustomerStatus status) => status switch
    {
        CustomerStatus.Active => "active",
        CustomerStatus.Blocked => "blocked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown customer status."),
    };

    public static Customer Read(NpgsqlDataReader row)
    {
        var fields = new CustomerFields(
            row.GetString(3),
            row.IsDBNull(4) ? null : row.GetString(4),
            row.IsDBNull(5) ? null : row.GetString(5),
            row.GetString(2) == "blocked" ? CustomerStatus.Blocked : CustomerStatus.Active,
            row.IsDBNull(6) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString(6))!);
        return new Customer(row.GetString(0), fields, row.GetFieldValue<DateTimeOffset>(7), row.GetFieldValue<DateTimeOffset>(8), row.GetInt64(1));
    }

    public static object Attributes(CustomerFields fields) => JsonSerializer.Serialize(fields.Attributes);
}
