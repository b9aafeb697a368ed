namespace Quartermaster.Bench.Baselines;

/// <summary>The baseline engines by the name their routes carry.</summary>
internal sealed class BaselineEngines(RedisLockEngine redisLock, ConditionalUpdateEngine sqlUpdate)
{
    public static readonly IReadOnlyList<string> Names = [RedisLockEngine.EngineName, ConditionalUpdateEngine.EngineName];

    public IReadOnlyList<IBaselineEngine> All => [redisLock, sqlUpdate];

    public IBaselineEngine this[string name] => name switch
    {
        RedisLockEngine.EngineName => redisLock,
        ConditionalUpdateEngine.EngineName => sqlUpdate,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such baseline engine."),
    };
}
