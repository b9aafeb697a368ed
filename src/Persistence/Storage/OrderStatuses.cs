using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.Persistence.Storage;

internal static class OrderStatuses
{
    public static string? Name(OrderStatus? status) => status?.ToString().ToLowerInvariant();
}
