namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>A partial update of tenant settings: null fields keep their current value.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.SettingsChange")]
public sealed record SettingsChange(
    [property: Id(0)] int? ReservationTtlSeconds,
    [property: Id(1)] long? LowStockThreshold,
    [property: Id(2)] int? RateLimitPerSecond,
    [property: Id(3)] int? RateLimitBurst)
{
    public TenantSettings ApplyTo(TenantSettings current) => current with
    {
        ReservationTtlSeconds = ReservationTtlSeconds ?? current.ReservationTtlSeconds,
        LowStockThreshold = LowStockThreshold ?? current.LowStockThreshold,
        RateLimitPerSecond = RateLimitPerSecond ?? current.RateLimitPerSecond,
        RateLimitBurst = RateLimitBurst ?? current.RateLimitBurst,
    };
}
