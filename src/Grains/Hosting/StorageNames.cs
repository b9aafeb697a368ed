namespace Quartermaster.Grains.Hosting;

/// <summary>The named grain storage providers; which backend serves each name is configuration.</summary>
public static class StorageNames
{
    /// <summary>System of record: tenants, catalog, stock items, ledger, orders.</summary>
    public const string Business = "business";

    /// <summary>State with a natural expiry or that can be rebuilt: idempotency responses.</summary>
    public const string Ephemeral = "ephemeral";
}
