using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Grains.Orders;

/// <summary>
/// Searches a tenant's orders where they are stored, when the store can (PostgreSQL). Without one, the
/// order index grain keeps its own list.
/// </summary>
public interface IOrderSearch
{
    Task<OrderPage> SearchAsync(string tenantId, OrderQuery query, CancellationToken cancellationToken);
}
