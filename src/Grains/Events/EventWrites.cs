using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Events;

internal static class EventWrites
{
    /// <summary>
    /// Writes the state with <paramref name="unwritten"/>: in its statement on PostgreSQL, to the log after the
    /// write in memory mode. A failed write drops the activation, as every state write does.
    /// </summary>
    public static async Task WriteWithEventsAsync<T>(this IPersistentState<T> state, IGrainBase grain, IEventLog events, UnwrittenEvents unwritten)
        where T : EventCarryingState
    {
        state.State.Carry(unwritten);
        await state.WriteOrDropAsync(grain);
        state.State.MarkEventsWritten();
        if (!events.WrittenWithState)
        {
            await events.RecordAsync(unwritten.TenantId, unwritten.Events);
        }
    }
}
