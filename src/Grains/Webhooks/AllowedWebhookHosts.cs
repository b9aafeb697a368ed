using System.Net;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// The hosts the operator vouches for (<see cref="WebhookOptions.AllowedHosts"/>): exempt from the address
/// rule and allowed plain http. Names match exactly, ignoring case; IP literals match as addresses, so
/// "::1" and "0:0::1" are the same host.
/// </summary>
public sealed class AllowedWebhookHosts
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<IPAddress> _addresses = [];

    public AllowedWebhookHosts(IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            var bare = HostAddresses.Bare(host);
            if (HostAddresses.AsLiteral(bare) is { } address)
            {
                _addresses.Add(address);
            }
            else
            {
                _names.Add(bare);
            }
        }
    }

    /// <summary>Whether <paramref name="host"/> (a URL's host, IPv6 with or without brackets) is allowed.</summary>
    public bool Contains(string host)
    {
        var bare = HostAddresses.Bare(host);
        return HostAddresses.AsLiteral(bare) is { } address ? _addresses.Contains(address) : _names.Contains(bare);
    }

    internal static bool IsValidEntry(string? entry) =>
        !string.IsNullOrWhiteSpace(entry) && Uri.CheckHostName(HostAddresses.Bare(entry)) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
}
