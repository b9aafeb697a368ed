using System.Net;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Addresses a webhook may not reach unless the operator allows its host: loopback, private, link-local,
/// carrier-grade NAT, cloud metadata, multicast and reserved ranges. IPv4 embedded in IPv6 (mapped,
/// compatible, NAT64) is judged as the IPv4 address it reaches.
/// </summary>
public static class BlockedAddresses
{
    // Ordered: the metadata hosts sit inside wider ranges and name themselves more usefully.
    private static readonly (IPNetwork Network, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "cloud metadata"),
        (IPNetwork.Parse("100.100.100.200/32"), "cloud metadata"),
        (IPNetwork.Parse("0.0.0.0/8"), "reserved"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "reserved"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "cloud metadata"),
        (IPNetwork.Parse("fc00::/7"), "private"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "private"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static bool IsBlocked(IPAddress address) => Classify(address) is not null;

    /// <summary>What kind of non-public address this is ("loopback", "private", ...), or null when public.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var effective = EmbeddedIPv4(address) ?? address;
        foreach (var (network, kind) in Ranges)
        {
            if (network.Contains(effective))
            {
                return kind;
            }
        }

        return null;
    }

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var compatible = bytes[..12].IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback);
        return compatible || Nat64.Contains(address) ? new IPAddress(bytes[12..]) : null;
    }
}
