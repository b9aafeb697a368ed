using System.Net;
using System.Net.Sockets;

namespace Quartermaster.Persistence.Tests.Infrastructure;

/// <summary>
/// Free loopback ports below the kernel's ephemeral range, so an outgoing connection (a database client,
/// say) cannot be handed the same port between choosing it and the silo binding it.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 20_000;

    public static int[] Take(int count)
    {
        var highest = Math.Min(32_000, EphemeralLow() - 1);
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            var port = Random.Shared.Next(Lowest, highest + 1);
            if (!chosen.Contains(port) && IsFree(port))
            {
                chosen.Add(port);
            }
        }

        return [.. chosen];
    }

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split()[0], out var low) ? low : 32_768;
    }
}
