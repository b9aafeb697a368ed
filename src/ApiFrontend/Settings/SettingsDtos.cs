using System.ComponentModel.DataAnnotations;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Settings;

public sealed record SettingsDto(
    [property: Range(TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds)] int ReservationTtlSeconds,
    [property: Range(0, FieldErrors.MaxQuantity)] long LowStockThreshold,
    [property: Range(1, SettingsPatch.MaxRateLimitPerSecond)] int RateLimitPerSecond,
    [property: Range(1, SettingsPatch.MaxRateLimitBurst)] int RateLimitBurst)
{
    public static SettingsDto From(TenantSettings s) => new(s.ReservationTtlSeconds, s.LowStockThreshold, s.RateLimitPerSecond, s.RateLimitBurst);
}

/// <summary>Every field optional: what is sent replaces the current value, what is left out stays.</summary>
public sealed record SettingsPatch(
    [property: Range(TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds)] int? ReservationTtlSeconds = null,
    [property: Range(0, FieldErrors.MaxQuantity)] long? LowStockThreshold = null,
    [property: Range(1, SettingsPatch.MaxRateLimitPerSecond)] int? RateLimitPerSecond = null,
    [property: Range(1, SettingsPatch.MaxRateLimitBurst)] int? RateLimitBurst = null)
{
    public const int MaxRateLimitPerSecond = 100_000;
    public const int MaxRateLimitBurst = 1_000_000;

    public void Validate(FieldErrors errors, string prefix = "")
    {
        errors.Range(prefix + "reservationTtlSeconds", ReservationTtlSeconds,
            TenantSettings.MinReservationTtlSeconds, TenantSettings.MaxReservationTtlSeconds, required: false);
        errors.Range(prefix + "lowStockThreshold", LowStockThreshold, 0, FieldErrors.MaxQuantity, required: false);
        errors.Range(prefix + "rateLimitPerSecond", RateLimitPerSecond, 1, MaxRateLimitPerSecond, required: false);
        errors.Range(prefix + "rateLimitBurst", RateLimitBurst, 1, MaxRateLimitBurst, required: false);
    }

    public SettingsChange ToChange() => new(ReservationTtlSeconds, LowStockThreshold, RateLimitPerSecond, RateLimitBurst);
}
