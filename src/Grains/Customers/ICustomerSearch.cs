using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Customers;

/// <summary>A tenant's customer list: the customers' own rows on PostgreSQL, the customer index grain in memory mode.</summary>
public interface ICustomerSearch
{
    /// <summary>Called after a customer's write succeeded, with what it left (null: erased); a list that the write itself fills does nothing.</summary>
    Task RecordAsync(CustomerKey key, long version, Customer? customer);

    Task<Page<Customer>> SearchAsync(string tenantId, CustomerQuery query, CancellationToken cancellationToken);
}
