using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Grains.Customers.InMemory;

/// <summary>The tenant's customer list in memory mode, fed by each customer after it writes. Key: tenantId.</summary>
[Alias("qm.ICustomerIndexGrain")]
public interface ICustomerIndexGrain : IGrainWithStringKey
{
    /// <param name="customer">Null when the write erased it.</param>
    [Alias("Upsert")]
    Task Upsert(string customerRef, long version, Customer? customer);

    [ReadOnly, Alias("Query")]
    Task<Page<Customer>> Query(CustomerQuery query);
}
