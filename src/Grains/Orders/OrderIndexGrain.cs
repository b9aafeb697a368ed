using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// The tenant's order list in memory mode (<see cref="MemoryOrderSearch"/>): a copy of every order it is told of.
/// On PostgreSQL the orders' own rows are the list and this grain is not used.
/// </summary>
public sealed class OrderIndexGrain(
    [PersistentState(StateNames.OrderIndex, StorageNames.Business)] IPersistentState<OrderIndexState> state,
    IOrderSearch search)
    : Grain, IOrderIndexGrain
{
    public async Task Upsert(OrderView order)
    {
        if (search is not MemoryOrderSearch)
        {
            // An order on a silo of the previous release still publishing here during a rollout.
            return;
        }

        if (state.State.Orders.TryGetValue(order.OrderId, out var known) && known.Version >= order.Version)
        {
            return;
        }

        state.State.Orders[order.OrderId] = order;
        await state.WriteOrDropAsync(this);
    }

    /// <summary>A frontend of the previous release still asks here during a rollout; the list is wherever the search keeps it.</summary>
    public Task<OrderPage> Query(OrderQuery query) =>
        search is MemoryOrderSearch ? Task.FromResult(QueryOwnList(query)) : search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None);

    private OrderPage QueryOwnList(OrderQuery query)
    {
        var matches = state.State.Orders.Values
            .Where(o => query.Status is null || o.Status == query.Status)
            .Where(o => query.CustomerRef is null || o.CustomerRef == query.CustomerRef)
            .Where(o => query.CreatedFrom is null || o.CreatedAt >= query.CreatedFrom)
            .Where(o => query.CreatedTo is null || o.CreatedAt < query.CreatedTo)
            .Where(o => query.After is null || IsAfter(o, query.After))
            .OrderByDescending(o => o.CreatedAt)
            .ThenByDescending(o => o.OrderId, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var hasMore = matches.Count > query.Limit;
        var items = matches.Take(query.Limit).ToList();
        var next = hasMore ? new OrderPosition(items[^1].CreatedAt, items[^1].OrderId) : null;
        return new OrderPage(items, next);
    }

    /// <summary>Newest first: "after" a position means created earlier, or at the same time with a smaller id.</summary>
    private static bool IsAfter(OrderView order, OrderPosition position) =>
        order.CreatedAt < position.CreatedAt
        || (order.CreatedAt == position.CreatedAt && string.CompareOrdinal(order.OrderId, position.OrderId) < 0);
}
