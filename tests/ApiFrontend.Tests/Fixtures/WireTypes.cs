namespace Quartermaster.ApiFrontend.Tests.Fixtures;

// What the API sends, as a client would read it. Enum values stay strings so tests assert the wire format.

public sealed record StockItem(string Sku, string WarehouseId, long OnHand, long Reserved, long Available, long Version, long? LowStockThreshold = null);

public sealed record StockSummary(string Sku, long OnHand, long Reserved, long Available, IReadOnlyList<StockItem> Warehouses, string? NextCursor = null);

public sealed record WarehouseItem(string WarehouseId, string Name);

public sealed record LedgerEntry(
    long Seq, string MovementId, string Type, long Quantity, long OnHandAfter, long ReservedAfter, DateTimeOffset At, string? Reason, string? Ref);

public sealed record Hold(string HoldId, long Quantity, DateTimeOffset? ExpiresAt, StockItem Stock, string? Status = null);

public sealed record Transfer(StockItem From, StockItem To);

public sealed record OrderLine(string Sku, string WarehouseId, long Quantity);

public sealed record OrderHistory(string Status, DateTimeOffset At);

public sealed record Order(
    string OrderId, string Status, string? CustomerRef, IReadOnlyList<OrderLine> Lines,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpiresAt, IReadOnlyList<OrderHistory> History);

public sealed record Product(string Sku, string Name, string? Unit, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreatedKey(string KeyId, string Key, DateTimeOffset CreatedAt);

public sealed record SettingsView(int ReservationTtlSeconds, long LowStockThreshold, int RateLimitPerSecond, int RateLimitBurst);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Event(string EventId, string Type, DateTimeOffset CreatedAt, System.Text.Json.JsonElement Data);

public sealed record CustomerView(
    string CustomerRef, string Name, string? Email, string? Phone, string Status, Dictionary<string, string> Attributes,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ImportErrorView(int Line, string Field, string Message);

public sealed record ImportView(
    string ImportId, string Kind, string Status, long RowsTotal, long RowsApplied, long RowsSkipped, long RowsFailed,
    IReadOnlyList<ImportErrorView> Errors, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);
