using Microsoft.Extensions.Logging;

namespace Quartermaster.Grains.Stock;

/// <summary>What a stock item logs: its write path (2001-2006) and its expiry of holds.</summary>
internal static partial class StockItemLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Stock {Sku}/{WarehouseId}: committed {Count} commands, version {Version}")]
    public static partial void BatchCommitted(ILogger logger, string sku, string warehouseId, int count, long version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: write of a batch of {Count} failed; deactivating")]
    public static partial void WriteFailed(ILogger logger, Exception error, string tenantId, string sku, string warehouseId, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: a batch reused {Count} stored ids; reloaded and ran it again")]
    public static partial void ReplayResolved(ILogger logger, string tenantId, string sku, string warehouseId, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: looking up holds, the tenant's low-stock threshold or the stored version for a batch of {Count} failed")]
    public static partial void LookupFailed(ILogger logger, Exception error, string tenantId, string sku, string warehouseId, int count);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: a batch of {Count} committed, but the hold due index could not be told the next expiry; it is told again at the next write")]
    public static partial void ExpiryScheduleFailed(ILogger logger, Exception error, string tenantId, string sku, string warehouseId, int count);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: expired {Count} holds")]
    public static partial void HoldsExpired(ILogger logger, string tenantId, string sku, string warehouseId, int count);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Stock {TenantId}/{Sku}/{WarehouseId}: a read found storage at {StoredVersion} while this activation holds {LoadedVersion}; another activation wrote it, so this one is dropped")]
    public static partial void StaleActivation(ILogger logger, string tenantId, string sku, string warehouseId, string? loadedVersion, string? storedVersion);
}
