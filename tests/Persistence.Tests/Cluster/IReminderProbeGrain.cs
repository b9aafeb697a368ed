namespace Quartermaster.Persistence.Tests.Cluster;

[Alias("Quartermaster.Persistence.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task Register(string reminderName, TimeSpan dueTime, TimeSpan period);

    [Alias("IsRegistered")]
    Task<bool> IsRegistered(string reminderName);

    [Alias("Unregister")]
    Task Unregister(string reminderName);

    [Alias("Ticks")]
    Task<int> Ticks(string reminderName);

    [Alias("Silo")]
    Task<string> Silo();
}
