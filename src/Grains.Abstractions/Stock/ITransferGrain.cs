using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>
/// Moves stock between two warehouses all or nothing: takes it out of the source, then puts it into the
/// destination, finishing after a crash. Key: {tenantId}/{sku}/{movementId}.
/// </summary>
[Alias("qm.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    [Alias("Execute")]
    Task<Outcome<TransferResult>> Execute(TransferRequest request);
}
