using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// This frontend's copy of the look-up ids of every key issued (<see cref="IApiKeyDirectoryGrain"/>). A miss
/// waits for a copy fetched after the miss arrived, so a key issued through another frontend a moment ago is
/// found; misses that arrive together share that one fetch, and fetches start at most every
/// <see cref="MinFetchInterval"/>, so a flood of unknown keys costs a few grain calls a second, and no
/// activation and no database read at all. A new key's first use waits for one fetch.
/// </summary>
internal sealed partial class IssuedKeyDirectory(IGrainFactory grains, TimeProvider clock, ILogger<IssuedKeyDirectory> logger)
{
    public static readonly TimeSpan MinFetchInterval = TimeSpan.FromMilliseconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private int _position;
    private long _refreshesStarted;
    private long _lastFetchStarted;

    /// <summary>True if the look-up id was ever issued; also true when the directory cannot be reached (the key grain then decides).</summary>
    public async Task<bool> MayExistAsync(string lookupId, CancellationToken cancellationToken)
    {
        if (Contains(lookupId))
        {
            return true;
        }

        var arrival = Interlocked.Read(ref _refreshesStarted);
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Refreshes run one at a time; if one started after this miss arrived, it has finished: use it.
            if (Interlocked.Read(ref _refreshesStarted) == arrival)
            {
                var sinceLast = clock.GetElapsedTime(_lastFetchStarted);
                if (_lastFetchStarted != 0 && sinceLast < MinFetchInterval)
                {
                    await Task.Delay(MinFetchInterval - sinceLast, clock, cancellationToken);
                }

                Interlocked.Increment(ref _refreshesStarted);
                _lastFetchStarted = clock.GetTimestamp();
                await FetchNewAsync();
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogDirectoryUnavailable(error);
            return true;
        }
        finally
        {
            _refresh.Release();
        }

        return Contains(lookupId);
    }

    private bool Contains(string lookupId)
    {
        lock (_gate)
        {
            return _issued.Contains(lookupId);
        }
    }

    private async Task FetchNewAsync()
    {
        var directory = grains.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key);
        while (true)
        {
            var page = await directory.Since(_position);
            if (page.LookupIds.Count == 0)
            {
                return;
            }

            lock (_gate)
            {
                _issued.UnionWith(page.LookupIds);
                _position = page.NextPosition;
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "API key directory unreachable; unknown keys are checked by their look-up grain")]
    private partial void LogDirectoryUnavailable(Exception error);
}
