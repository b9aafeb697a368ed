using System.Net.Sockets;
using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The `business` storage provider on PostgreSQL: stock items and orders get tables of their own (the
/// ledger, the order list's indexes); every other state is a jsonb row.
/// </summary>
internal sealed class BusinessGrainStorage(GenericStateTable generic, StockItemTable stock, OrderTable orders) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => TableFor<T>().ReadAsync(TypeName(stateName, grainId), grainId.Key.ToString()!, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => TableFor<T>().WriteAsync(TypeName(stateName, grainId), grainId.Key.ToString()!, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => TableFor<T>().ClearAsync(TypeName(stateName, grainId), grainId.Key.ToString()!, grainState));

    /// <summary>
    /// A database that is down or restarting surfaces as <see cref="GrainUnavailableException"/>: it crosses
    /// to the frontend intact (Npgsql's exceptions do not serialise) and means "retry", which is the truth.
    /// </summary>
    private static async Task Guard(Func<Task> operation)
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

    private IStateTable TableFor<T>() =>
        typeof(T) == typeof(StockItemState) ? stock
        : typeof(T) == typeof(OrderState) ? orders
        : generic;

    private static string TypeName(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";
}
