using Orleans.Storage;

namespace Quartermaster.Grains.Hosting;

/// <summary>
/// Grains change their state in memory, then write it. If the write fails, memory and storage disagree,
/// so the activation is dropped and the next call reloads what storage holds; the caller still gets the
/// error (nothing was acknowledged).
/// </summary>
internal static class DurableWrites
{
    public static Task WriteOrDropAsync<T>(this IPersistentState<T> state, IGrainBase grain) =>
        OrDropAsync(state.WriteStateAsync, grain);

    /// <summary>For grains that hold their state themselves and call their storage provider directly.</summary>
    public static Task WriteOrDropAsync<T>(this IGrainStorage storage, string stateName, GrainState<T> state, IGrainBase grain) =>
        OrDropAsync(() => storage.WriteStateAsync(stateName, grain.GrainContext.GrainId, state), grain);

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
}
