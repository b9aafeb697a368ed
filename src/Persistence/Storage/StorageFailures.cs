using System.Net.Sockets;
using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.ServiceDefaults.Resilience;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// A database that is down or restarting surfaces as <see cref="GrainUnavailableException"/>: it crosses to the
/// frontend intact (Npgsql's exceptions do not serialise) and means "retry", which is the truth. Behind the
/// PostgreSQL circuit breaker: once the server is known to be gone, calls fail at once with
/// <see cref="StoreDownException"/> instead of each waiting out a connect timeout, until the breaker's probe finds it
/// answering again.
/// </summary>
internal sealed class StorageFailures(CircuitBreaker? breaker)
{
    /// <summary>For tools and tests that use the tables directly, without a breaker.</summary>
    public static readonly StorageFailures WithoutBreaker = new(null);

    public Task Guard(Func<Task> operation) => Guard(async () =>
    {
        await operation();
        return true;
    });

    public async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        if (breaker is { IsOpen: true })
        {
            throw new StoreDownException("PostgreSQL is unavailable (circuit breaker open); retry shortly.");
        }

        try
        {
            var result = await operation();
            breaker?.RecordSuccess();
            return result;
        }
        catch (Exception error) when (error is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            if (IsServerUnreachable(error))
            {
                breaker?.RecordFailure(error);
            }

            throw new GrainUnavailableException($"PostgreSQL is unavailable: {error.Message}");
        }
    }

    /// <summary>
    /// An error the server itself reports (a constraint, a cancelled statement) proves it is up; only a lost or
    /// refused connection, a timeout, or the server saying it is shutting down, starting or full counts as down.
    /// </summary>
    private static bool IsServerUnreachable(Exception error) =>
        error is not PostgresException postgres
        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
        || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
        || postgres.SqlState == PostgresErrorCodes.TooManyConnections;
}
