using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// This frontend's copy of the key ids revoked so far (<see cref="IApiKeyDirectoryGrain.RevokedSince"/>),
/// read every <see cref="PollInterval"/>. It is what lets <see cref="ApiKeyVerifier"/> keep serving a key from
/// its cache while the key's own grain is unreachable without weakening revocation: a revocation is
/// acknowledged only once the directory lists it, so a frontend that reads the list every second refuses the
/// key within about a second whatever silo is down.
/// </summary>
internal sealed partial class RevokedKeyFeed(IGrainFactory grains, TimeProvider clock, ILogger<RevokedKeyFeed> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after its last successful read the copy still vouches for cached keys. While the directory is
    /// unreachable no revocation can be acknowledged (the revoker needs it too), so a copy that stopped moving
    /// is complete until the directory is back: on a silo declared dead within 20 s it reactivates elsewhere and
    /// the next read succeeds. Past this bound something else is wrong, and cached keys are no longer trusted.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private int _position;
    private long _lastRead;
    private bool _failing;

    public bool IsRevoked(string keyId)
    {
        lock (_gate)
        {
            return _revoked.Contains(keyId);
        }
    }

    /// <summary>True while the copy is recent enough to stand in for a key's unreachable grain.</summary>
    public bool VouchesForCachedKeys
    {
        get
        {
            var lastRead = Interlocked.Read(ref _lastRead);
            return lastRead != 0 && clock.GetElapsedTime(lastRead) < Tolerance;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, clock);
        do
        {
            await ReadOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadOnceAsync(CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            var directory = grains.GetGrain<IApiKeyDirectoryGrain>(IApiKeyDirectoryGrain.Key);
            while (true)
            {
                var page = await directory.RevokedSince(_position).WaitAsync(ReadTimeout, clock, stoppingToken);
                lock (_gate)
                {
                    _revoked.UnionWith(page.LookupIds);
                    _position = page.NextPosition;
                }

                if (page.LookupIds.Count == 0)
                {
                    break;
                }
            }

            Interlocked.Exchange(ref _lastRead, started);
            if (_failing)
            {
                _failing = false;
                LogFeedRestored();
            }
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            if (!_failing)
            {
                _failing = true;
                LogFeedUnreachable(error);
            }
        }
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Revoked-key list unreachable; cached keys stay trusted while it was read within the tolerance")]
    private partial void LogFeedUnreachable(Exception error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Revoked-key list read again")]
    private partial void LogFeedRestored();
}
