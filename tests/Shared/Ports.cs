using System.Net;
using System.Net.Sockets;

namespace Quartermaster.Tests.Shared;

/// <summary>
/// Hands out loopback ports that are free now, each once per test run, from below the kernel's ephemeral
/// range so that no outgoing connection takes one before its process binds it.
/// </summary>
public static class Ports
{
    private static readonly Lock Gate = new();
    private static int _next = 20000 + Random.Shared.Next(0, 8000);

    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                var port = _next++;
                if (port >= 32000)
                {
                    _next = 20000;
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // in use: try the next one
                }
            }
        }
    }
}
