using System.Net;

namespace Quartermaster.Grains.Webhooks;

/// <summary>The addresses a URL host stands for: itself when an IP literal, else what DNS answers now.</summary>
internal static class HostAddresses
{
    public static async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        AsLiteral(host) is { } literal ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>The host as an address when it is an IP literal (IPv6 with or without brackets), else null.</summary>
    public static IPAddress? AsLiteral(string host)
    {
        var bare = Bare(host);
        return Uri.CheckHostName(bare) is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(bare, out var address)
            ? address
            : null;
    }

    public static string Bare(string host)
    {
        var trimmed = host.Trim();
        return trimmed.StartsWith('[') && trimmed.EndsWith(']') ? trimmed[1..^1] : trimmed;
    }
}
