using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Grains.Customers;

/// <summary>Answers GET /customers from wherever the list is kept (<see cref="ICustomerSearch"/>), on any silo, many at once.</summary>
// Reentrant: it holds nothing, and a non-reentrant worker would run one query at a time, so a silo would serve
// only as many lists at once as it has cores (the default worker count) while each waits on the database.
[StatelessWorker]
[Reentrant]
public sealed class CustomerSearchGrain(ICustomerSearch search) : Grain, ICustomerSearchGrain
{
    public Task<Page<Customer>> Query(CustomerQuery query) => search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);
}
