namespace Quartermaster.Grains.Abstractions.Stock;

[GenerateSerializer]
[Alias("qm.LedgerEntryType")]
public enum LedgerEntryType
{
    Receipt = 0,
    Adjustment = 1,
    TransferIn = 2,
    TransferOut = 3,
    Hold = 4,
    Release = 5,
    Commit = 6,
    Expire = 7,
}
