using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// A tenant's order list. On PostgreSQL the orders' own rows are the list, so publishing is nothing; in
/// memory mode the order index grain keeps a copy of every order it is told of.
/// </summary>
public interface IOrderSearch
{
    /// <summary>Called after an order's new state was written.</summary>
    Task PublishAsync(string tenantId, OrderView order);

    Task<OrderPage> SearchAsync(string tenantId, OrderQuery query, CancellationToken cancellationToken);
}
