using System.ComponentModel.DataAnnotations;

namespace Quartermaster.ApiFrontend.Hosting;

public sealed class QuartermasterOptions
{
    public const string Section = "Quartermaster";

    public HostingMode Hosting { get; set; } = HostingMode.Embedded;

    /// <summary>Keys accepted for /api/v1/admin; two during a rotation. QUARTERMASTER_ADMIN_KEY adds one.</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>The demo tenant's key in embedded mode (QUARTERMASTER_DEMO_KEY); random when unset.</summary>
    public string? DemoKey { get; set; }

    /// <summary>Seconds a frontend trusts a verified tenant key; revocation takes effect within this.</summary>
    [Range(0, 5)]
    public int ApiKeyCacheSeconds { get; set; } = 2;
}
