using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Customers;

/// <summary>One customer of a tenant. Key: tenantId/customerRef.</summary>
[Alias("qm.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <param name="expectedVersion">If-Match: refused unless the customer exists at a version it admits.</param>
    [Alias("Put")]
    Task<Outcome<Upserted<Customer>>> Put(CustomerFields fields, VersionMatch? expectedVersion);

    /// <summary>Null when there is none (never created, or erased).</summary>
    [ReadOnly, Alias("Get")]
    Task<Customer?> Get();

    /// <summary>
    /// GDPR erasure: the personal fields are removed from storage; the ref may be used again. Not found when the
    /// customer never existed; erasing an erased customer again succeeds and changes nothing.
    /// </summary>
    [Alias("Erase")]
    Task<Outcome<bool>> Erase(VersionMatch? expectedVersion);

    /// <summary>Whether new orders naming this customer are refused.</summary>
    [ReadOnly, Alias("IsBlocked")]
    Task<bool> IsBlocked();
}
