using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Customers;

/// <summary>
/// One customer. Every change (erasure included) is one write that also carries its customer.updated event;
/// order placement asks <see cref="IsBlocked"/>, which this activation answers from memory.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState(StateNames.Customer, StorageNames.Customers)] IPersistentState<CustomerState> state,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ICustomerSearch search,
    IEventLog events)
    : Grain, ICustomerGrain
{
    private CustomerKey _key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseCustomer(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<Outcome<Upserted<Customer>>> Put(CustomerFields fields, VersionMatch? expectedVersion)
    {
        var current = state.State.Customer;
        if (IfMatch.Check(current?.Version, expectedVersion, $"Customer '{_key.CustomerRef}'") is { } stale)
        {
            return stale;
        }

        if (current is not null && current.Fields.SameAs(fields))
        {
            return Outcome<Upserted<Customer>>.Ok(new(current, Created: false, Changed: false));
        }

        var now = clock.GetUtcNow();
        var version = state.State.Version + 1;
        var next = current is null
            ? new Customer(_key.CustomerRef, fields, now, now, version)
            : current with { Fields = fields, UpdatedAt = now, Version = version };
        await WriteAsync(next, erasedAt: null, CustomerChange.Of(next));
        return Outcome<Upserted<Customer>>.Ok(new(next, Created: current is null));
    }

    public Task<Customer?> Get() => Task.FromResult(state.State.Customer);

    public async Task<Outcome<bool>> Erase(VersionMatch? expectedVersion)
    {
        var current = state.State.Customer;
        if (current is null)
        {
            return state.State.ErasedAt is null
                ? Failure.NotFound($"Customer '{_key.CustomerRef}' does not exist.")
                : Outcome<bool>.Ok(false);
        }

        if (IfMatch.Check(current?.Version, expectedVersion, $"Customer '{_key.CustomerRef}'") is { } stale)
        {
            return stale;
        }

        var now = clock.GetUtcNow();
        var version = state.State.Version + 1;
        await WriteAsync(null, erasedAt: now, CustomerChange.Erasure(_key.CustomerRef, now, version));
        return Outcome<bool>.Ok(true);
    }

    public Task<bool> IsBlocked() => Task.FromResult(state.State.Customer?.Fields.Status == CustomerStatus.Blocked);

    private async Task WriteAsync(Customer? next, DateTimeOffset? erasedAt, CustomerChange change)
    {
        var updated = new PendingEvent(EventTypes.CustomerUpdated, change.UpdatedAt, new EventData(Customer: change));
        state.State.Customer = next;
        state.State.ErasedAt = erasedAt;
        state.State.Version = change.Version;
        await state.WriteWithEventsAsync(this, events, new UnwrittenEvents(_key.TenantId, [updated]));

        await search.RecordAsync(_key, change.Version, next);
    }
}
