using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>Hold statuses as stored: the same lower-case names the API shows.</summary>
internal static class HoldStatuses
{
    private static readonly Dictionary<HoldStatus, string> Names = new()
    {
        [HoldStatus.Active] = "active",
        [HoldStatus.Released] = "released",
        [HoldStatus.Committed] = "committed",
        [HoldStatus.Expired] = "expired",
    };

    private static readonly Dictionary<string, HoldStatus> Statuses = Names.ToDictionary(p => p.Value, p => p.Key);

    public static string Name(HoldStatus status) => Names[status];

    public static HoldStatus Parse(string name) => Statuses[name];
}
