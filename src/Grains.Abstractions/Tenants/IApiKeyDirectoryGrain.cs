using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>
/// The look-up ids of every API key ever issued, in issue order (key: 0, one per cluster). Frontends keep a
/// copy, so a presented key whose look-up id was never issued is refused without activating its grain or
/// reading the database: garbage tokens cost a hash and a set look-up. It also lists the key ids of every
/// revoked key, in revocation order: frontends poll that list every second, so a key they keep serving from
/// their cache while its own grain is unreachable still stops working within seconds of its revocation.
/// </summary>
[Alias("qm.IApiKeyDirectoryGrain")]
public interface IApiKeyDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("Add")]
    Task Add(IReadOnlyList<string> lookupIds);

    /// <summary>The look-up ids issued from <paramref name="position"/> on (a page), and the position after them.</summary>
    [ReadOnly, Alias("Since")]
    Task<ApiKeyDirectoryPage> Since(int position);

    /// <summary>Records a revoked key id (idempotent); a revocation is acknowledged only after this.</summary>
    [Alias("Revoke")]
    Task Revoke(string keyId);

    /// <summary>The revoked key ids from <paramref name="position"/> on (a page), and the position after them.</summary>
    [ReadOnly, Alias("RevokedSince")]
    Task<ApiKeyDirectoryPage> RevokedSince(int position);
}

[GenerateSerializer, Immutable]
[Alias("qm.ApiKeyDirectoryPage")]
public sealed record ApiKeyDirectoryPage([property: Id(0)] IReadOnlyList<string> LookupIds, [property: Id(1)] int NextPosition);
