namespace Quartermaster.Grains.Abstractions.Tenants;

[GenerateSerializer, Immutable]
[Alias("qm.TenantSettings")]
public sealed record TenantSettings
{
    public const int MinReservationTtlSeconds = 10;
    public const int MaxReservationTtlSeconds = 604_800;

    public static readonly TenantSettings Default = new();

    [Id(0)]
    public int ReservationTtlSeconds { get; init; } = 900;

    [Id(1)]
    public long LowStockThreshold { get; init; }

    [Id(2)]
    public int RateLimitPerSecond { get; init; } = 50;

    [Id(3)]
    public int RateLimitBurst { get; init; } = 100;
}
