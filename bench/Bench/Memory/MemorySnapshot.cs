using System.Runtime;

namespace Quartermaster.Bench.Memory;

/// <summary>Resident memory (from /proc, so Linux only) and the managed heap at one moment.</summary>
internal sealed record MemorySnapshot(long ResidentBytes, long PeakResidentBytes, long ManagedBytes, long HeapSizeBytes, long CommittedBytes, long FragmentedBytes)
{
    private const string StatusPath = "/proc/self/status";

    public static bool IsSupported => File.Exists(StatusPath);

    /// <summary>As the process stands, garbage and all.</summary>
    public static MemorySnapshot Now()
    {
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        return new MemorySnapshot(ProcStatus.Bytes("self", "VmRSS:"), ProcStatus.Bytes("self", "VmHWM:"), GC.GetTotalMemory(forceFullCollection: false),
            gc.HeapSizeBytes, gc.TotalCommittedBytes, gc.FragmentedBytes);
    }

    /// <summary>After a full blocking compacting collection (large objects included): only what is live.</summary>
    public static MemorySnapshot AfterFullCollection()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        // Objects that finalizers released are collected too.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Now();
    }
}
