namespace Quartermaster.Chaos.Faults;

/// <summary>
/// One injected fault on the run's time line: Injected when it began, Lifted when it was undone (the process
/// restarted or continued, the server started again), Ready when the store accepted connections again, End
/// when the next fault began. What the placement said about it, and when membership declared the silo dead.
/// </summary>
internal sealed class FaultRecord(string kind, string title)
{
    public string Kind => kind;
    public string Title => title;
    public string Target { get; set; } = "";
    public double Injected { get; set; }
    public double Lifted { get; set; }
    public double? Ready { get; set; }
    public double End { get; set; }
    public double? DeclaredDeadAfter { get; set; }
    public bool WatchedMembership { get; set; }

    /// <summary>Load tenants none of whose own grains (tenant, catalog, keys, stock items) were on the target silo; null if unknown.</summary>
    public IReadOnlySet<string>? TenantsElsewhere { get; set; }

    /// <summary>
    /// "tenant/sku" of the stock items that, like their tenant's own tenant, catalog and API key grains, were not
    /// on the target silo: a request to one of them needs nothing from that silo but new idempotency records.
    /// </summary>
    public IReadOnlySet<string>? StockItemsElsewhere { get; set; }
    public List<ExpiryProbe> Probes { get; } = [];
    public List<string> Notes { get; } = [];

    public bool HitsSilo => kind is FaultKinds.KillSilo or FaultKinds.FreezeSilo;
}
