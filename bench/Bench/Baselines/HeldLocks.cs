namespace Quartermaster.Bench.Baselines;

/// <summary>The lock keys one request holds under one token; disposing releases every one of them.</summary>
internal sealed class HeldLocks(RedisLock owner, string token) : IAsyncDisposable
{
    private readonly List<string> _keys = [];

    public string Token => token;

    public void Add(string key) => _keys.Add(key);

    public async ValueTask DisposeAsync()
    {
        if (_keys.Count == 0)
        {
            return;
        }

        var keys = _keys.ToArray();
        _keys.Clear();
        await owner.ReleaseAsync(keys, token);
    }
}
