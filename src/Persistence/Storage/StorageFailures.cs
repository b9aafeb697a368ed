using System.Net.Sockets;
using Npgsql;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Persistence.Storage;

internal static class StorageFailures
{
    /// <summary>
    /// A database that is down or restarting surfaces as <see cref="GrainUnavailableException"/>: it crosses
    /// to the frontend intact (Npgsql's exceptions do not serialise) and means "retry", which is the truth.
    /// </summary>
    public static async Task Guard(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception error) when (error is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw new GrainUnavailableException($"PostgreSQL is unavailable: {error.Message}");
        }
    }
}
