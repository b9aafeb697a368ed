using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Quartermaster.Grains.Hosting;

/// <summary>The `Orleans` configuration section shared by silos and clients.</summary>
public sealed record ClusterSettings(string ClusterId, string ServiceId, int SiloPort, int GatewayPort, string? AdvertisedIp)
{
    public const string Section = "Orleans";

    /// <summary>The ADO.NET provider name Orleans' clustering and reminders use for PostgreSQL (silos and clients alike).</summary>
    public const string AdoNetInvariant = "Npgsql";

    public static ClusterSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new ClusterSettings(
            section["ClusterId"] ?? "quartermaster",
            section["ServiceId"] ?? "quartermaster",
            section.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
            section.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
            section["AdvertisedIp"] ?? configuration["POD_IP"]);
    }

    public void Apply(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }
}
