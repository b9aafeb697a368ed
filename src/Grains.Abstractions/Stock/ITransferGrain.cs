using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>
/// Moves stock between two warehouses all or nothing: takes it out of the source, then puts it into the
/// destination, finishing after a crash. Key: {tenantId}/{sku}/{movementId}.
/// </summary>
[Alias("qm.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the transfer once; the same request again moves nothing and answers both items as they are now.
    /// Another request under the same movement id is a conflict.
    /// </summary>
    [Alias("Execute")]
    Task<Outcome<TransferResult>> Execute(TransferRequest request);
}
