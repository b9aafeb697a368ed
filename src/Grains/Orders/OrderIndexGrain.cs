using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// The tenant's order list. With an <see cref="IOrderSearch"/> (PostgreSQL) the orders' own rows are the
/// index and this grain only asks it; otherwise (in-memory mode) it keeps a copy of every order it is told of.
/// </summary>
public sealed class OrderIndexGrain(
    [PersistentState(StateNames.OrderIndex, StorageNames.Business)] IPersistentState<OrderIndexState> state,
    IOrderSearch? search = null)
    : Grain, IOrderIndexGrain
{
    public async Task Upsert(OrderView order)
    {
        if (search is not null)
        {
            return;
        }

        if (state.State.Orders.TryGetValue(order.OrderId, out var known) && known.Version >= order.Version)
        {
            return;
        }

        state.State.Orders[order.OrderId] = order;
        await state.WriteOrDropAsync(this);
    }

    public Task<OrderPage> Query(OrderQuery query) =>
        search is not null ? search.SearchAsync(this.GetPrimaryKeyString(), query, CancellationToken.None) : Task.FromResult(QueryOwnList(query));

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
