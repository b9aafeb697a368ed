namespace Quartermaster.Grains.Hosting;

/// <summary>
/// The named grain storage providers, one per table family. Every host registers each name once: on
/// PostgreSQL and Redis in a durable silo, in memory in the development mode and the grain tests.
/// </summary>
public static class StorageNames
{
    /// <summary>Stock items: levels, holds and the append-only ledger.</summary>
    public const string Stock = "stock";

    /// <summary>Orders: a row each whose listed columns feed the order list.</summary>
    public const string Orders = "orders";

    /// <summary>Customers: a row each, its columns the customer list's and search's.</summary>
    public const string Customers = "customers";

    /// <summary>Products: a row each, its columns the product list's and search's.</summary>
    public const string Products = "products";

    /// <summary>Warehouses: a row each; a tenant's are one grain's state, and a write stores only the one it changed.</summary>
    public const string Warehouses = "warehouses";

    /// <summary>Every other business state as a jsonb row: tenants, API keys, transfers, order indexes.</summary>
    public const string Business = "business";

    /// <summary>State with a natural expiry or that can be rebuilt: idempotency responses.</summary>
    public const string Ephemeral = "ephemeral";
}
