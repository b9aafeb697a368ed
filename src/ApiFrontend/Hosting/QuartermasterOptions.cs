using System.ComponentModel.DataAnnotations;

namespace Quartermaster.ApiFrontend.Hosting;

public sealed class QuartermasterOptions
{
    public const string Section = "Quartermaster";

    /// <summary>Unset: Embedded in Development, Client elsewhere (<see cref="HostingModes"/>).</summary>
    public HostingMode Hosting { get; set; } = HostingMode.Client;

    /// <summary>Keys accepted for /api/v1/admin; two during a rotation. QUARTERMASTER_ADMIN_KEY adds one.</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>The demo tenant's key in embedded mode (QUARTERMASTER_DEMO_KEY); random when unset.</summary>
    public string? DemoKey { get; set; }

    /// <summary>True when no admin key was configured and embedded mode made one up (so it must be shown).</summary>
    internal bool AdminKeyGenerated { get; set; }

    /// <summary>Seconds a frontend trusts a verified tenant key; revocation takes effect within this.</summary>
    [Range(0, 5)]
    public int ApiKeyCacheSeconds { get; set; } = 2;

    /// <summary>Verified tenant keys a frontend keeps (least recently used go first).</summary>
    [Range(100, 10_000_000)]
    public int ApiKeyCacheCapacity { get; set; } = 100_000;

    /// <summary>
    /// Seconds a frontend keeps trying to reach the cluster at start (no silo active yet, or none answering) before
    /// it exits; inside the startup probe's budget so the orchestrator restarts it only after this.
    /// </summary>
    [Range(0, 3_600)]
    public int ClusterConnectSeconds { get; set; } = 90;

    /// <summary>Warehouses a tenant may have; a new one past this is refused (409 limit_reached).</summary>
    [Range(1, 1_000_000)]
    public int MaxWarehousesPerTenant { get; set; } = 1_000;
}
