namespace Quartermaster.Chaos.Checks;

/// <summary>What the checks looked at and every violation they found (none is the only good answer).</summary>
internal sealed class SafetyReport
{
    public List<string> Violations { get; } = [];
    public int TenantsChecked { get; set; }
    public int ItemsReplayed { get; set; }
    public int EntriesReplayed { get; set; }
    public int ReceiptsFound { get; set; }
    public int HoldsFound { get; set; }
    public int OrdersFound { get; set; }
    public int InvariantReportsClean { get; set; }

    /// <summary>Tenants whose settings read back as they were created.</summary>
    public int SettingsIntact { get; set; }

    public bool Ok => Violations.Count == 0;
}
