namespace Quartermaster.Chaos.Faults;

/// <summary>How long each phase lasts, for the full run and for the short one scripts/test runs.</summary>
internal sealed record FaultPlan(TimeSpan WarmUp, TimeSpan Settle, TimeSpan FreezeFor, TimeSpan RedisDownFor, IReadOnlyList<string> Faults)
{
    public static readonly FaultPlan Full = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(30),
        [FaultKinds.KillSilo, FaultKinds.FreezeSilo, FaultKinds.RestartPostgres, FaultKinds.RedisOutage, FaultKinds.KillFrontend]);

    public static readonly FaultPlan Short = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(10),
        [FaultKinds.KillSilo, FaultKinds.RedisOutage]);

    /// <summary>The longest a process stays down before it is started again, or a recovery is waited for.</summary>
    public static readonly TimeSpan RecoveryCap = TimeSpan.FromSeconds(90);
}
