namespace Quartermaster.Bench.Memory;

/// <summary>The report as the few lines a person reads.</summary>
internal static class MemorySummary
{
    public static void Print(MemoryReport r)
    {
        Console.WriteLine();
        Console.WriteLine($"items:                 {r.Items:N0} stock items ({r.Products:N0} products x {r.Warehouses:N0} warehouses available), GC {r.Gc}");
        Console.WriteLine($"activation:            {r.ActivationSeconds:F1} s, {r.ActivationsPerSecond:N0}/s with {r.InFlight:N0} calls in flight; {r.AllocatedBytesPerItem:N0} bytes allocated per item");
        Console.WriteLine($"RSS baseline:          {Mb(r.RssBaselineBytes)} (silo started, catalog seeded, full GC)");
        Console.WriteLine($"RSS after activation:  {Mb(r.RssAfterActivationBytes)} (peak so far {Mb(r.RssPeakBytes)})");
        Console.WriteLine($"RSS after full GC:     {Mb(r.RssAfterGcBytes)}");
        Console.WriteLine($"managed heap:          {Mb(r.ManagedHeapBytes)} live (baseline {Mb(r.ManagedHeapBaselineBytes)}); GC heap {Mb(r.GcHeapSizeBytes)}, committed {Mb(r.GcCommittedBytes)}, fragmented {Mb(r.GcFragmentedBytes)}");
        Console.WriteLine($"per item:              {r.BytesPerItem:N0} bytes resident, {r.ManagedBytesPerItem:N0} bytes managed");
        Console.WriteLine($"activations alive:     {r.StockItemActivations:N0} stock item activations reported by the silo ({(r.ActivationsVerified ? "all" : "MISSING SOME")})");
        var basis = r.Items == MemoryReport.TargetItems
            ? $"{Mb(r.RssAfterGcBytes)} measured"
            : $"{Mb(r.ProjectedMillionBytes)} projected from {r.Items:N0} items";
        Console.WriteLine($"target: < 2 GB ({MemoryReport.TargetBytes / 1048576:N0} MB) resident with {MemoryReport.TargetItems:N0} active stock items: {(r.TargetMet ? "met" : "MISSED")} ({basis})");
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0,7:N0} MB";
}
