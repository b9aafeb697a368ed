using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Hosting;

/// <summary>
/// A backing store's failure (an ADO.NET provider's exception, a socket or I/O error, a Redis client error) that
/// escapes a grain call, from storage, reminder registration or anywhere else, crosses to the caller as
/// <see cref="GrainUnavailableException"/>: Orleans has no codec for most of those types, so the caller would get a
/// serialisation failure (a 500) instead of the truth, which is "unavailable, retry". Only the message crosses;
/// the original stays in this silo's log.
/// </summary>
internal sealed partial class StoreFailureCallFilter(ILogger<StoreFailureCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (IsStoreFailure(error))
        {
            LogStoreFailure(error, context.TargetId.ToString(), context.InterfaceMethod?.Name ?? "?");
            throw new GrainUnavailableException($"A backing store is unavailable ({error.GetType().Name}): {error.Message}");
        }
    }

    internal static bool IsStoreFailure(Exception error) =>
        error is DbException or SocketException or IOException
        || error.GetType().FullName?.StartsWith("StackExchange.Redis.", StringComparison.Ordinal) == true;

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Call {Method} on {Grain} failed in a backing store; answered as unavailable")]
    private partial void LogStoreFailure(Exception error, string grain, string method);
}
