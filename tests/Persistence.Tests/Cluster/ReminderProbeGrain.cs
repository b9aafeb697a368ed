namespace Quartermaster.Persistence.Tests.Cluster;

/// <summary>Registers, looks up and removes reminders, and counts the ticks it receives.</summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private readonly Dictionary<string, int> _ticks = [];

    public Task Register(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task<bool> IsRegistered(string reminderName) => await this.GetReminder(reminderName) is not null;

    public async Task Unregister(string reminderName)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> Ticks(string reminderName) => Task.FromResult(_ticks.GetValueOrDefault(reminderName));

    public Task<string> Silo() => Task.FromResult(RuntimeIdentity);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks[reminderName] = _ticks.GetValueOrDefault(reminderName) + 1;
        return Task.CompletedTask;
    }
}
