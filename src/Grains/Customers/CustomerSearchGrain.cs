using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Grains.Customers;

/// <summary>Answers GET /customers from wherever the list is kept (<see cref="ICustomerSearch"/>), on any silo, many at once.</summary>
[StatelessWorker]
public sealed class CustomerSearchGrain(ICustomerSearch search) : Grain, ICustomerSearchGrain
{
    public Task<Page<Customer>> Query(CustomerQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
