namespace Quartermaster.Chaos.Faults;

internal static class FaultKinds
{
    public const string KillSilo = "kill-silo";
    public const string FreezeSilo = "freeze-silo";
    public const string RestartPostgres = "restart-postgres";
    public const string RedisOutage = "redis-outage";
    public const string KillFrontend = "kill-frontend";
}
