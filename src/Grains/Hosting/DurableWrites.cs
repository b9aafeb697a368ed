using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Quartermaster.Grains.Hosting;

/// <summary>
/// Grains change their state in memory, then write it. If the write fails, memory and storage disagree,
/// so the activation is dropped and the next call reloads what storage holds; the caller still gets the
/// error (nothing was acknowledged).
/// </summary>
internal static partial class DurableWrites
{
    public static Task WriteOrDropAsync<T>(this IPersistentState<T> state, IGrainBase grain) =>
        OrDropAsync(state.WriteStateAsync, grain);

    /// <summary>
    /// For grains that hold their state themselves and call their storage provider directly. Without Orleans'
    /// persistent-state facet nothing else logs a failed write, so this does.
    /// </summary>
    public static async Task WriteOrDropAsync<T>(this IGrainStorage storage, string stateName, GrainState<T> state, IGrainBase grain, ILogger logger)
    {
        try
        {
            await OrDropAsync(() => storage.WriteStateAsync(stateName, grain.GrainContext.GrainId, state), grain);
        }
        catch (Exception error)
        {
            LogWriteFailed(logger, error, grain.GrainContext.GrainId.ToString());
            throw;
        }
    }

    /// <summary>
    /// Writes a state that was never read, which a provider that <see cref="IInsertsOnlyNewRows"/> stores only if
    /// nothing is stored yet: false when refused (the grain reads and goes on); any other failure as above.
    /// </summary>
    public static async Task<bool> TryInsertOrDropAsync<T>(this IGrainStorage storage, string stateName, GrainState<T> state, IGrainBase grain, ILogger logger)
    {
        try
        {
            await storage.WriteStateAsync(stateName, grain.GrainContext.GrainId, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
        catch (Exception error)
        {
            Drop(grain);
            LogWriteFailed(logger, error, grain.GrainContext.GrainId.ToString());
            throw;
        }
    }

    public static Task ClearOrDropAsync<T>(this IPersistentState<T> state, IGrainBase grain) =>
        OrDropAsync(state.ClearStateAsync, grain);

    private static async Task OrDropAsync(Func<Task> write, IGrainBase grain)
    {
        try
        {
            await write();
        }
        catch (Exception)
        {
            Drop(grain);
            throw;
        }
    }

    private static void Drop(IGrainBase grain) =>
        grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A state write failed; reloading from storage."));

    /// <summary>A warning: a stale write is routine while membership changes, and the caller gets the error.</summary>
    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "Writing the state of {Grain} failed; deactivating it to reload what storage holds")]
    private static partial void LogWriteFailed(ILogger logger, Exception error, string grain);
}
