using System.Net.Sockets;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Whether a tenant may register a URL as a webhook endpoint. Checked when the endpoint is created or changed;
/// the connect guard repeats the address rule at every delivery, since DNS can change in between.
/// </summary>
public sealed class WebhookUrlPolicy(AllowedWebhookHosts allowedHosts)
{
    public const int MaxLength = 2048;

    /// <summary>Null when the URL is acceptable, else the reason to give the tenant (the 400 on `url`).</summary>
    public async ValueTask<string?> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Required: an absolute https URL.";
        }

        if (url.Length > MaxLength)
        {
            return $"Must be at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Must be an absolute https URL.";
        }

        var allowed = allowedHosts.Contains(uri.IdnHost);
        if (uri.Scheme == Uri.UriSchemeHttp && !allowed)
        {
            return "Must use https; plain http is accepted only for hosts the operator allows.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Must not carry credentials (user:password@); authenticate the request by its signature.";
        }

        if (uri.Fragment.Length > 0 || url.Contains('#'))
        {
            return "Must not have a fragment (#...).";
        }

        return allowed ? null : await CheckAddressesAsync(uri.IdnHost, cancellationToken);
    }

    private static async ValueTask<string?> CheckAddressesAsync(string host, CancellationToken cancellationToken)
    {
        System.Net.IPAddress[] addresses;
        try
        {
            addresses = await HostAddresses.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            return $"The host {host} does not resolve.";
        }

        foreach (var address in addresses)
        {
            if (BlockedAddresses.Classify(address) is { } kind)
            {
                return $"Resolves to a {kind} address ({address}); ask the operator to allow this host.";
            }
        }

        return null;
    }
}
