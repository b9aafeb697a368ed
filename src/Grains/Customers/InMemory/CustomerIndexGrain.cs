using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Customers.InMemory;

/// <summary>
/// The tenant's customer list in memory mode (<see cref="MemoryCustomerSearch"/>): a copy of every customer as its
/// last write left it. On PostgreSQL the customers' own rows are the list and this grain is not used.
/// </summary>
public sealed class CustomerIndexGrain(
    [PersistentState(StateNames.CustomerIndex, StorageNames.Business)] IPersistentState<CustomerIndexState> state)
    : Grain, ICustomerIndexGrain
{
    public async Task Upsert(string customerRef, long version, Customer? customer)
    {
        if (state.State.Versions.TryGetValue(customerRef, out var known) && known >= version)
        {
            return;
        }

        state.State.Versions[customerRef] = version;
        if (customer is null)
        {
            state.State.Customers.Remove(customerRef);
        }
        else
        {
            state.State.Customers[customerRef] = customer;
        }

        await state.WriteOrDropAsync(this);
    }

    public Task<Page<Customer>> Query(CustomerQuery query)
    {
        var matches = state.State.Customers
            .Where(pair => query.After is null || string.CompareOrdinal(pair.Key, query.After) > 0)
            .Select(pair => pair.Value)
            .Where(c => query.Status is null || c.Fields.Status == query.Status)
            .Where(c => query.Text is null || CustomerSearchText.Matches(c, query.Text))
            .Take(query.Limit + 1)
            .ToList();
        var items = matches.Take(query.Limit).ToList();
        return Task.FromResult(new Page<Customer>(items, matches.Count > query.Limit ? items[^1].CustomerRef : null));
    }
}
