using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Customers.InMemory;

/// <summary>The customer list in memory mode: one <see cref="CustomerIndexGrain"/> per tenant.</summary>
public sealed class MemoryCustomerSearch(IGrainFactory grains) : ICustomerSearch
{
    public Task RecordAsync(CustomerKey key, long version, Customer? customer) =>
        grains.GetGrain<ICustomerIndexGrain>(key.TenantId).Upsert(key.CustomerRef, version, customer);

    public Task<Page<Customer>> SearchAsync(string tenantId, CustomerQuery query, CancellationToken cancellationToken) =>
        grains.GetGrain<ICustomerIndexGrain>(tenantId).Query(query);
}
