using Orleans.Storage;

namespace Quartermaster.Grains.Hosting;

/// <summary>
/// Grains change their state in memory, then write it. If the write fails, memory and storage disagree,
/// so the activation is dropped and the next call reloads what storage holds; the caller still gets the
/// error (nothing was acknowledged).
/// </summary>
internal static class DurableWrites
{
    public static async Task WriteOrDropAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            Drop(grain);
            throw;
        }
    }

    /// <summary>For grains that hold their state themselves and call their storage provider directly.</summary>
    public static async Task WriteOrDropAsync<T>(this IGrainStorage storage, string stateName, GrainState<T> state, IGrainBase grain)
    {
        try
        {
            await storage.WriteStateAsync(stateName, grain.GrainContext.GrainId, state);
        }
        catch (Exception)
        {
            Drop(grain);
            throw;
        }
    }

    public static async Task ClearOrDropAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.ClearStateAsync();
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
