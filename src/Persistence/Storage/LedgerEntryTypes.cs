using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>Ledger types as stored: the same snake_case names the API shows.</summary>
internal static class LedgerEntryTypes
{
    private static readonly Dictionary<LedgerEntryType, string> Names = new()
    {
        [LedgerEntryType.Receipt] = "receipt",
        [LedgerEntryType.Adjustment] = "adjustment",
        [LedgerEntryType.TransferIn] = "transfer_in",
        [LedgerEntryType.TransferOut] = "transfer_out",
        [LedgerEntryType.Hold] = "hold",
        [LedgerEntryType.Release] = "release",
        [LedgerEntryType.Commit] = "commit",
        [LedgerEntryType.Expire] = "expire",
    };

    private static readonly Dictionary<string, LedgerEntryType> Types = Names.ToDictionary(p => p.Value, p => p.Key);

    public static string Name(LedgerEntryType type) => Names[type];

    public static LedgerEntryType Parse(string name) => Types[name];
}
