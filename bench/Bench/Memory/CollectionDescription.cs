using Orleans.Configuration;

namespace Quartermaster.Bench.Memory;

/// <summary>
/// Why no activation goes missing mid-run: idle ones are collected only after <see cref="GrainCollectionOptions.CollectionAge"/>
/// (15 minutes by default; neither src/Silo nor StockItemGrain changes it), longer than the whole run, and shedding on
/// memory pressure is off by default. The activation census after the measurement checks it.
/// </summary>
internal static class CollectionDescription
{
    public static string Of(GrainCollectionOptions options) =>
        $"idle activations are collected after {options.CollectionAge.TotalMinutes:N0} min (checked every {options.CollectionQuantum.TotalSeconds:N0} s); shedding on memory pressure {(options.EnableActivationSheddingOnMemoryPressure ? "ON" : "off")}";
}
