using System.Data.Common;
using System.Net.Sockets;

namespace Quartermaster.Grains.Tests.Probes;

public sealed class StoreFailureProbeGrain : Grain, IStoreFailureProbeGrain
{
    public Task Fail(string kind) => kind switch
    {
        "database" => throw new ProbeDatabaseException("connection refused by the probe's database"),
        "socket" => throw new SocketException((int)SocketError.ConnectionRefused),
        _ => throw new InvalidOperationException("an ordinary failure of the probe"),
    };

    /// <summary>Like NpgsqlException: a provider's own type, which no caller has a codec for.</summary>
    private sealed class ProbeDatabaseException(string message) : DbException(message);
}
