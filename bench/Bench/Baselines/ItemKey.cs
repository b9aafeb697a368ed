namespace Quartermaster.Bench.Baselines;

/// <summary>
/// One stock item of one tenant as the baselines address it: its primary key in PostgreSQL and, for the
/// redis-lock engine, the lock key the replaced PHP design used for it.
/// </summary>
internal readonly record struct ItemKey(string TenantId, string Sku, string WarehouseId) : IComparable<ItemKey>
{
    // Identifiers are validated to [A-Za-z0-9._-] before they get here, so ':' cannot make two keys collide.
    public string LockKey => $"lock:tenant:{TenantId}:stock:{Sku}:warehouse:{WarehouseId}";

    /// <summary>The replaced design's lock key of an order, taken for each of its transitions.</summary>
    public static string OrderLockKey(string tenantId, string orderId) => $"lock:tenant:{tenantId}:order:{orderId}";

    public int CompareTo(ItemKey other)
    {
        var byTenant = string.CompareOrdinal(TenantId, other.TenantId);
        if (byTenant != 0)
        {
            return byTenant;
        }

        var bySku = string.CompareOrdinal(Sku, other.Sku);
        return bySku != 0 ? bySku : string.CompareOrdinal(WarehouseId, other.WarehouseId);
    }

    public override string ToString() => $"{Sku}/{WarehouseId}";
}
