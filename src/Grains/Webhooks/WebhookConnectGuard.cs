using System.Net;
using System.Net.Sockets;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Resolves and connects for the webhook handler, so the address that is checked is the address that is
/// dialled: a host that passed <see cref="WebhookUrlPolicy"/> and later re-points its DNS at an internal
/// address (DNS rebinding) is refused here.
/// </summary>
internal sealed class WebhookConnectGuard(AllowedWebhookHosts allowedHosts)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = await HostAddresses.ResolveAsync(host, cancellationToken);
        var usable = allowedHosts.Contains(host) ? resolved : Array.FindAll(resolved, a => !BlockedAddresses.IsBlocked(a));
        if (usable.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, resolved.Length == 0
                ? $"{host} resolves to no address."
                : $"Refused to connect to {host}: it resolves only to blocked addresses ({string.Join(", ", resolved.AsEnumerable())}).");
        }

        SocketException? last = null;
        foreach (var address in usable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // Every address refused the connection: the last refusal says why as well as any.
        throw last!;
    }
}
