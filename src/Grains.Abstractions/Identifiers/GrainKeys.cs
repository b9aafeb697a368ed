using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.Grains.Abstractions.Identifiers;

/// <summary>
/// Builds and parses every composite grain key. Identifiers never contain '/', so it separates the parts
/// unambiguously; a key is only ever built from parts that passed <see cref="ResourceId"/>.
/// </summary>
public static class GrainKeys
{
    private const char Separator = '/';

    public static string Tenant(string tenantId) => Compose(tenantId);

    public static string StockItem(string tenantId, string sku, string warehouseId) => Compose(tenantId, sku, warehouseId);

    public static string Order(string tenantId, string orderId) => Compose(tenantId, orderId);

    /// <summary>One transfer per (tenant, sku, movementId): a movement id names one transfer whatever its source.</summary>
    public static string Transfer(string tenantId, string sku, string movementId) => Compose(tenantId, sku, movementId);

    public static string WebhookEndpoint(string tenantId, string endpointId) => Compose(tenantId, endpointId);

    public static string Customer(string tenantId, string customerRef) => Compose(tenantId, customerRef);

    public static string Import(string tenantId, string importId) => Compose(tenantId, importId);

    public static string Product(string tenantId, string sku) => Compose(tenantId, sku);

    /// <summary>
    /// The admin's Idempotency-Key scope. '$' is outside the identifier charset, so no tenant id (not even
    /// "admin") can share it.
    /// </summary>
    public const string AdminIdempotencyScope = "$admin";

    /// <summary>Idempotency keys are free text (printable ASCII), so only the scope (a tenant id, or the admin's) is checked.</summary>
    public static string Idempotency(string scope, string idempotencyKey)
    {
        if (scope != AdminIdempotencyScope)
        {
            EnsureValid(scope);
        }

        return string.Concat(scope, Separator.ToString(), idempotencyKey);
    }

    /// <summary>
    /// The api key grain for a presented key: a 64-bit prefix of its SHA-256. It finds the grain without
    /// revealing the key; the grain itself keeps only salted hashes.
    /// </summary>
    public static string ApiKeyLookup(string presentedKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)))[..16];

    public static StockItemKey ParseStockItem(string key)
    {
        var parts = Split(key, 3);
        return new StockItemKey(parts[0], parts[1], parts[2]);
    }

    public static OrderKey ParseOrder(string key)
    {
        var parts = Split(key, 2);
        return new OrderKey(parts[0], parts[1]);
    }

    public static TransferKey ParseTransfer(string key)
    {
        var parts = Split(key, 3);
        return new TransferKey(parts[0], parts[1], parts[2]);
    }

    public static ImportKey ParseImport(string key)
    {
        var parts = Split(key, 2);
        return new ImportKey(parts[0], parts[1]);
    }

    public static CustomerKey ParseCustomer(string key)
    {
        var parts = Split(key, 2);
        return new CustomerKey(parts[0], parts[1]);
    }

    public static ProductKey ParseProduct(string key)
    {
        var parts = Split(key, 2);
        return new ProductKey(parts[0], parts[1]);
    }

    public static WebhookEndpointKey ParseWebhookEndpoint(string key)
    {
        var parts = Split(key, 2);
        return new WebhookEndpointKey(parts[0], parts[1]);
    }

    private static string Compose(params string[] parts)
    {
        foreach (var part in parts)
        {
            EnsureValid(part);
        }

        return string.Join(Separator, parts);
    }

    private static string[] Split(string key, int expectedParts)
    {
        var parts = key.Split(Separator);
        if (parts.Length != expectedParts || !parts.All(ResourceId.IsValid))
        {
            throw new FormatException($"Grain key '{key}' is not {expectedParts} identifiers separated by '{Separator}'.");
        }

        return parts;
    }

    private static void EnsureValid(string part)
    {
        if (!ResourceId.IsValid(part))
        {
            throw new ArgumentException($"'{part}' is not a valid identifier ({ResourceId.Rule}).", nameof(part));
        }
    }
}

public readonly record struct StockItemKey(string TenantId, string Sku, string WarehouseId)
{
    /// <summary>
    /// The same key with its tenant and warehouse ids taken from <see cref="SharedIdentifiers"/>. For keys known to
    /// name a real stock item (its catalog check passed): ids made up by a caller must not fill the pool.
    /// </summary>
    public StockItemKey WithSharedIds() => this with { TenantId = SharedIdentifiers.Of(TenantId), WarehouseId = SharedIdentifiers.Of(WarehouseId) };
}

public readonly record struct OrderKey(string TenantId, string OrderId);

public readonly record struct TransferKey(string TenantId, string Sku, string MovementId);

public readonly record struct WebhookEndpointKey(string TenantId, string EndpointId);

public readonly record struct CustomerKey(string TenantId, string CustomerRef);

public readonly record struct ImportKey(string TenantId, string ImportId);

public readonly record struct ProductKey(string TenantId, string Sku);
