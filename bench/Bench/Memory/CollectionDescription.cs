using Orleans.Configuration;

namespace Quartermaster.Bench.Memory;

internal static class CollectionDescription
{
    public static string Of(GrainCollectionOptions options) =>
        $"idle activations are collected after {options.CollectionAge.TotalMinutes:N0} min (checked every {options.CollectionQuantum.TotalSeconds:N0} s); shedding on memory pressure {(options.EnableActivationSheddingOnMemoryPressure ? "ON" : "off")}";
}
