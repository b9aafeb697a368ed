using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Customers;

/// <summary>GET /customers: a tenant's customers from wherever the list is kept. Key: tenantId.</summary>
[Alias("qm.ICustomerSearchGrain")]
public interface ICustomerSearchGrain : IGrainWithStringKey
{
    [Alias("Query")]
    Task<Page<Customer>> Query(CustomerQuery query);
}
