using System.Runtime;

namespace Quartermaster.Bench.Memory;

/// <summary>
/// The collector this process runs with, against the silo's: src/Silo is a Web SDK project, which turns Server GC
/// on, and its runtimeconfig sets nothing else, so concurrent collection and DATAS are at their .NET 10 defaults (on).
/// </summary>
internal static class GcDescription
{
    public const string Silo = "server, concurrent, DATAS";

    public static string Current()
    {
        var settings = GC.GetConfigurationVariables();
        var concurrent = settings.GetValueOrDefault("ConcurrentGC") is true;
        var datas = Convert.ToInt64(settings.GetValueOrDefault("GCDynamicAdaptationMode") ?? 0L, System.Globalization.CultureInfo.InvariantCulture) == 1;
        return string.Join(", ", [GCSettings.IsServerGC ? "server" : "workstation", concurrent ? "concurrent" : "non-concurrent", datas ? "DATAS" : "no DATAS"]);
    }

    public static string Compared(string current) =>
        current == Silo
            ? $"{current} (as src/Silo: System.GC.Server=true, the rest default)"
            : $"{current} - DIFFERS from src/Silo ({Silo}), so the figures are not a silo's";
}
