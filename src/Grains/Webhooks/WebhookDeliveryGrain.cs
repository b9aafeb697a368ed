using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Quartermaster.Contracts.Events;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// One endpoint's delivery engine. Every <see cref="Tick"/> it saves what its attempts did, takes the tenant's
/// next events from the log (after its cursor, in order) and starts the attempts that are due, at most
/// <see cref="WebhookOptions.MaxConcurrentPerEndpoint"/> at a time, in the order they came due (<see cref="AttemptQueue"/>).
/// An attempt's result starts the next due one at once; results are saved together on the next tick, each delivery's first row
/// with its first attempt, and the cursor moves only past events whose rows are saved. A crash therefore
/// repeats attempts (a receiver deduplicates by event id) but never skips an event. A reminder keeps the engine
/// running, on whichever silo, while its endpoint is enabled.
/// </summary>
public sealed partial class WebhookDeliveryGrain(
    IWebhookDeliveryStore store,
    IEventLog log,
    WebhookSender sender,
    WebhookSecretProtector protector,
    DeliveryBacklog backlog,
    IOptions<WebhookOptions> options,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ILogger<WebhookDeliveryGrain> logger)
    : Grain, IWebhookDeliveryGrain, IRemindable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>Between rounds of a tick that found the engine behind: long enough for attempts to make room.</summary>
    private static readonly TimeSpan RoundPause = TimeSpan.FromMilliseconds(25);
    private const string KeepRunning = "webhook-deliveries";

    /// <summary>
    /// Deliveries held in memory at most. A full window sets aside the ones waiting for a later retry (their rows are
    /// saved); with none of those, the engine takes no more events until some attempts finish.
    /// </summary>
    internal const int Window = 1_000;

    private readonly SortedDictionary<string, DeliverySlot> _slots = new(StringComparer.Ordinal);

    /// <summary>
    /// The due slots in the order they start: what a finished attempt starts next, without scanning the window (retries
    /// that come due are found by the tick's scan).
    /// </summary>
    private readonly AttemptQueue _due = new();

    /// <summary>Event ids taken from the log and not yet saved, oldest first: the cursor cannot pass the first.</summary>
    private readonly Queue<string> _unsaved = new();

    private readonly CancellationTokenSource _stopping = new();
    private WebhookEndpointKey _key;
    private DeliveryTarget? _target;
    private IReadOnlyList<byte[]> _secrets = [];
    private DeliveryCursor _cursor = new(null, 0);
    private string? _readThrough;
    private HashSet<string> _savedAhead = new(StringComparer.Ordinal);
    private bool _storeHasMorePending = true;

    /// <summary>
    /// When the earliest retry set aside comes due (null: none is aside), and for the backlog how many are aside and
    /// the oldest event among them, as far as the engine has seen: see <see cref="SetAsideWaitingRetries"/>.
    /// </summary>
    private DateTimeOffset? _asideDueAt;
    private DateTimeOffset? _asideOldest;
    private int _asideCount;
    private int _inFlight;
    private int _unreadableSecrets;
    private DateTimeOffset _secretsChangeAt = DateTimeOffset.MaxValue;
    private IGrainTimer? _timer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GrainKeys.ParseWebhookEndpoint(this.GetPrimaryKeyString());
        var target = await GrainFactory.GetGrain<IWebhookEndpointsGrain>(_key.TenantId).Target(_key.EndpointId);
        _cursor = await store.LoadCursorAsync(_key.TenantId, _key.EndpointId, cancellationToken);
        _readThrough = _cursor.TakenThrough;
        var ahead = await store.ListAsync(_key.TenantId, _key.EndpointId, null, _cursor.TakenThrough, Window, cancellationToken);
        _savedAhead = ahead.Items.Select(d => d.DeliveryId).ToHashSet(StringComparer.Ordinal);
        await SkipToStartAsync(target, cancellationToken);
        await ApplyTargetAsync(target);
        if (target is { Enabled: true })
        {
            LogRunning(logger, _key.TenantId, _key.EndpointId, _cursor.TakenThrough ?? "(the log's start)");
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            // What the attempts since the last tick did is saved before the activation goes (a silo's shutdown, an idle
            // paused engine collected), or the next activation makes those attempts again. A deleted endpoint's rows are gone.
            if (_target is not null)
            {
                await SaveAsync(cancellationToken);
            }
        }
        catch (Exception e)
        {
            LogSaveOnDeactivationFailed(logger, e, _key.TenantId, _key.EndpointId);
        }

        _stopping.Cancel();
        backlog.Forget(this.GetPrimaryKeyString());
    }

    public async Task Configure(DeliveryTarget? target)
    {
        if (target is null)
        {
            await ApplyTargetAsync(null);
            await store.DeleteAsync(_key.TenantId, _key.EndpointId, CancellationToken.None);
            _slots.Clear();
            _unsaved.Clear();
            _due.Clear();
            DeactivateOnIdle();
            return;
        }

        await SkipToStartAsync(target, CancellationToken.None);
        await ApplyTargetAsync(target);
    }

    public async Task<Page<WebhookDelivery>> List(DeliveryStatus? status, string? after, int limit)
    {
        await SaveAsync(CancellationToken.None);
        return await store.ListAsync(_key.TenantId, _key.EndpointId, status, after, limit, CancellationToken.None);
    }

    public async Task<bool> Retry(string deliveryId)
    {
        if (!_slots.TryGetValue(deliveryId, out var slot))
        {
            if (await store.GetAsync(_key.TenantId, _key.EndpointId, deliveryId, CancellationToken.None) is not { } saved)
            {
                return false;
            }

            slot = new DeliverySlot(saved, saved: true);
            _slots[deliveryId] = slot;
        }

        slot.Delivery = slot.Delivery with { Status = DeliveryStatus.Pending, NextAttemptAt = clock.GetUtcNow() };
        slot.RetryOwed = slot.InFlight;
        slot.Dirty = true;
        await SaveAsync(CancellationToken.None);
        StartDueAttempts();
        return true;
    }

    public Task Wake() => Task.CompletedTask;

    public async Task<int> RetryFailed()
    {
        var count = await store.RetryFailedAsync(_key.TenantId, _key.EndpointId, clock.GetUtcNow(), CancellationToken.None);
        _storeHasMorePending |= count > 0;
        return count;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task ApplyTargetAsync(DeliveryTarget? target)
    {
        _target = target;
        _secrets = LiveSecrets();
        if (target is { Enabled: true })
        {
            await this.RegisterOrUpdateReminder(KeepRunning, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Tick) { KeepAlive = true });
            return;
        }

        _timer?.Dispose();
        _timer = null;
        backlog.Forget(this.GetPrimaryKeyString());
        if (await this.GetReminder(KeepRunning) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (clock.GetUtcNow() >= _secretsChangeAt)
            {
                // A rotated-out secret retired: decrypt once more, not on every tick.
                _secrets = LiveSecrets();
            }

            // While the log holds more than the window took, go round again as soon as attempts have made room:
            // the pause between ticks is for an endpoint that keeps up, not one behind.
            // Real time, not the business clock: this paces the engine's own work, like the timer does.
            var started = TimeProvider.System.GetTimestamp();
            while (true)
            {
                await SaveAsync(cancellationToken);
                var behind = await FillWindowAsync(cancellationToken);
                StartDueAttempts();
                if (!behind || TimeProvider.System.GetElapsedTime(started) >= Tick)
                {
                    break;
                }

                await Task.Delay(RoundPause, TimeProvider.System, cancellationToken);
            }

            ReportBacklog();
        }
        catch (InconsistentStateException)
        {
            // Another activation saved since this one loaded: it owns the endpoint now.
            DeactivateOnIdle();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTickFailed(logger, e, _key.TenantId, _key.EndpointId);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        var changed = _slots.Values.Where(s => s.NeedsSaving).Select(s => (Slot: s, s.Delivery)).ToList();
        var (takenThrough, passed) = CursorAfterSaving();
        if (changed.Count == 0 && takenThrough == _cursor.TakenThrough)
        {
            return;
        }

        var version = await store.SaveAsync(_key.TenantId, _key.EndpointId, _cursor.Version, takenThrough,
            changed.Select(c => c.Delivery).ToList(), cancellationToken);
        _cursor = new DeliveryCursor(takenThrough, version);
        for (var i = 0; i < passed; i++)
        {
            _unsaved.Dequeue();
        }

        foreach (var (slot, saved) in changed)
        {
            slot.Saved = true;
            // An attempt that finished while the save ran has changed it again: that change is the next save's.
            slot.Dirty &= !ReferenceEquals(slot.Delivery, saved);
            if (slot.Finished)
            {
                _slots.Remove(saved.DeliveryId);
            }
        }
    }

    /// <summary>How far the cursor may move once the slots that need saving are saved: past every taken event that has its row.</summary>
    private (string? TakenThrough, int Passed) CursorAfterSaving()
    {
        var takenThrough = _cursor.TakenThrough;
        var passed = 0;
        foreach (var eventId in _unsaved)
        {
            if (_slots.TryGetValue(eventId, out var slot) && !slot.Saved && !slot.NeedsSaving)
            {
                return (takenThrough, passed);
            }

            takenThrough = eventId;
            passed++;
        }

        return (_readThrough ?? takenThrough, passed);
    }

    /// <summary>
    /// Fills the window's room in the order attempts start (<see cref="AttemptQueue"/>): the log's next events and the
    /// store's retries that are due, merged by when each became due, so events that happened after a retry came due
    /// cannot take the room that retry needs. True when the log may hold more than was taken.
    /// </summary>
    private async Task<bool> FillWindowAsync(CancellationToken cancellationToken)
    {
        if (_slots.Count >= Window)
        {
            SetAsideWaitingRetries();
        }

        var room = Window - _slots.Count;
        if (room <= 0 || _target is null)
        {
            // A window the save could not empty holds deliveries waiting on their receiver: another round
            // would find it as full.
            return false;
        }

        var now = clock.GetUtcNow();
        var stored = await PendingOutsideWindowAsync(now, cancellationToken);
        var due = stored?.Where(d => !(d.NextAttemptAt > now)).ToList() ?? [];
        var page = await log.ReadAsync(_key.TenantId, _readThrough, EventTypePatterns.Expand(_target.EventTypes), room, cancellationToken);
        var events = page.Events;
        int e = 0, r = 0, left = room;
        while (left > 0 && (e < events.Count || r < due.Count))
        {
            if (e < events.Count && _savedAhead.Remove(events[e].EventId))
            {
                _readThrough = events[e++].EventId;
                continue;
            }

            if (r < due.Count && (e == events.Count || !(due[r].NextAttemptAt > events[e].CreatedAt)))
            {
                _slots[due[r].DeliveryId] = new DeliverySlot(due[r], saved: true);
                r++;
            }
            else
            {
                Take(events[e++]);
            }

            left--;
        }

        if (stored is not null)
        {
            SetAsideRest(stored, due.Take(r).Select(d => d.DeliveryId).ToHashSet(StringComparer.Ordinal), now);
        }

        // Events left over for want of room are read again next round: the cursor never passes an event not taken.
        return e < events.Count || events.Count >= room;
    }

    private void Take(TenantEvent e)
    {
        _readThrough = e.EventId;
        var delivery = new WebhookDelivery(e.EventId, e.Type, DeliveryStatus.Pending, 0, e.CreatedAt, null, null, null, null);
        var slot = new DeliverySlot(delivery, saved: false) { Body = EventJson.Serialize(e) };
        _slots[e.EventId] = slot;
        _unsaved.Enqueue(e.EventId);
        _due.AddNew(slot);
    }

    /// <summary>An enabled endpoint's cursor is never before its <see cref="DeliveryTarget.StartAfter"/>.</summary>
    private async Task SkipToStartAsync(DeliveryTarget? target, CancellationToken cancellationToken)
    {
        if (target is { Enabled: true, StartAfter: { } start } && string.CompareOrdinal(_cursor.TakenThrough, start) < 0)
        {
            await MoveCursorToAsync(start, cancellationToken);
        }
    }

    private async Task MoveCursorToAsync(string? end, CancellationToken cancellationToken)
    {
        _cursor = new DeliveryCursor(end, await store.SaveAsync(_key.TenantId, _key.EndpointId, _cursor.Version, end, [], cancellationToken));
        _readThrough = end;
        _unsaved.Clear();
        foreach (var unsaved in _slots.Values.Where(s => !s.Saved && !s.InFlight).ToList())
        {
            _slots.Remove(unsaved.Delivery.DeliveryId);
        }
    }

    /// <summary>
    /// Frees the window of the deliveries waiting for a later retry, their rows saved as they are; they come back from
    /// the store when due (<see cref="FillWindowAsync"/>). Otherwise a receiver that fails a window's worth of events
    /// would keep every later event from being taken until those succeed or fail for good.
    /// </summary>
    private void SetAsideWaitingRetries()
    {
        var now = clock.GetUtcNow();
        var waiting = _slots.Values
            .Where(s => s is { Saved: true, Dirty: false, InFlight: false, Delivery.Status: DeliveryStatus.Pending } && s.Delivery.NextAttemptAt > now)
            .ToList();
        foreach (var slot in waiting)
        {
            _slots.Remove(slot.Delivery.DeliveryId);
            _asideDueAt = Earliest(_asideDueAt, slot.Delivery.NextAttemptAt);
            _asideOldest = Earliest(_asideOldest, slot.Delivery.CreatedAt);
            _asideCount++;
        }
    }

    /// <summary>
    /// The store's pending deliveries the window does not hold, soonest due first; null when none of them can be due
    /// (nothing set aside is due, and the store was read whole since).
    /// </summary>
    private async Task<List<WebhookDelivery>?> PendingOutsideWindowAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!(_storeHasMorePending || _asideDueAt <= now))
        {
            return null;
        }

        // The rows the window holds come too: a window's worth sees past them.
        var pending = await store.PendingAsync(_key.TenantId, _key.EndpointId, Window, cancellationToken);
        _storeHasMorePending = pending.Count >= Window;
        return pending.Where(d => !_slots.ContainsKey(d.DeliveryId)).ToList();
    }

    /// <summary>What the store holds pending and the window did not take waits aside until it is due or there is room.</summary>
    private void SetAsideRest(List<WebhookDelivery> stored, HashSet<string> taken, DateTimeOffset now)
    {
        DateTimeOffset? asideDueAt = null;
        DateTimeOffset? asideOldest = null;
        var asideCount = 0;
        foreach (var delivery in stored.Where(d => !taken.Contains(d.DeliveryId)))
        {
            asideDueAt = Earliest(asideDueAt, delivery.NextAttemptAt > now ? delivery.NextAttemptAt : now);
            asideOldest = Earliest(asideOldest, delivery.CreatedAt);
            asideCount++;
        }

        _asideDueAt = asideDueAt;
        _asideOldest = asideOldest;
        _asideCount = asideCount;
        // Rows past a full page are due no sooner than the ones aside, so only a page taken whole may hide more that are due.
        _storeHasMorePending &= asideDueAt is null;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null || (b is not null && b < a) ? b : a;

    /// <summary>Queues the retries in the window that have come due, then starts what is due.</summary>
    private void StartDueAttempts()
    {
        var now = clock.GetUtcNow();
        _due.ClearRetries();
        foreach (var slot in _slots.Values.Where(s => s.Delivery.NextAttemptAt is not null && s.IsDue(now)))
        {
            _due.AddRetry(slot);
        }

        StartReadyAttempts();
    }

    /// <summary>Where attempts go now; null while the endpoint is disabled or gone.</summary>
    private Uri? DeliveryUrl() =>
        _target is { Enabled: true } target && Uri.TryCreate(target.Url, UriKind.Absolute, out var url) ? url : null;

    private async Task AttemptAsync(DeliverySlot slot, Uri url)
    {
        slot.InFlight = true;
        _inFlight++;
        DeliveryAttempt result;
        try
        {
            var body = slot.Body ?? await BodyAsync(slot.Delivery.EventId);
            slot.Body = null;

            result = body is null ? new DeliveryAttempt(false, null, "The event is no longer kept (older than the event retention).", TimeSpan.Zero)
                : _secrets.Count == 0 ? new DeliveryAttempt(false, null, "No signing secret of this endpoint can be decrypted; rotate its secret.", TimeSpan.Zero)
                : await sender.SendAsync(url, slot.Delivery.EventId, body, _secrets, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            result = new DeliveryAttempt(false, null, e.Message, TimeSpan.Zero);
        }
        finally
        {
            slot.InFlight = false;
            _inFlight--;
        }

        Record(slot, result);
        StartReadyAttempts();
    }

    /// <summary>
    /// Starts the queued slots in the order they came due (<see cref="AttemptQueue"/>), as far as the endpoint's limit
    /// allows: after every attempt, so a retry that came due waits behind only what was due before it.
    /// </summary>
    private void StartReadyAttempts()
    {
        if (DeliveryUrl() is not { } url)
        {
            return;
        }

        var now = clock.GetUtcNow();
        while (_inFlight < options.Value.MaxConcurrentPerEndpoint && _due.Next(slot => IsStartable(slot, now)) is { } next)
        {
            _ = AttemptAsync(next, url);
        }
    }

    private bool IsStartable(DeliverySlot slot, DateTimeOffset now) =>
        slot.IsDue(now) && _slots.TryGetValue(slot.Delivery.DeliveryId, out var held) && ReferenceEquals(held, slot);

    private async Task<byte[]?> BodyAsync(string eventId) =>
        await log.GetAsync(_key.TenantId, eventId, _stopping.Token) is { } e ? EventJson.Serialize(e) : null;

    private void Record(DeliverySlot slot, DeliveryAttempt result)
    {
        var now = clock.GetUtcNow();
        var delivery = slot.Delivery;
        var attempts = delivery.Attempts + 1;
        // A retry asked for while this attempt was in flight gets an attempt of its own now, whatever this one's outcome.
        var owed = slot.RetryOwed;
        slot.RetryOwed = false;
        var next = owed ? now : result.Succeeded ? null : RetrySchedule.Next(delivery.CreatedAt, now, attempts, Random.Shared.NextDouble());
        var status = next is not null ? DeliveryStatus.Pending : result.Succeeded ? DeliveryStatus.Succeeded : DeliveryStatus.Failed;
        slot.Delivery = delivery with
        {
            Status = status, Attempts = attempts, LastAttemptAt = now, NextAttemptAt = next,
            LastStatusCode = result.StatusCode, LastError = result.Succeeded ? null : result.Error,
        };
        slot.Dirty = slot.Saved;
        if (owed)
        {
            _due.AddRetry(slot);
        }

        WebhookMetrics.Attempted(result.Succeeded ? DeliveryStatus.Succeeded : status, result.Succeeded ? now - delivery.CreatedAt : null);
        if (status == DeliveryStatus.Failed)
        {
            LogGaveUp(logger, _key.TenantId, _key.EndpointId, delivery.EventId, attempts);
        }
    }

    private void ReportBacklog()
    {
        var pending = _slots.Values.Where(s => s.Delivery.Status == DeliveryStatus.Pending).ToList();
        DateTimeOffset? oldest = pending.Count == 0 ? null : pending.Min(s => s.Delivery.CreatedAt);
        backlog.Report(this.GetPrimaryKeyString(), pending.Count + _asideCount, Earliest(oldest, _asideOldest));
    }

    /// <summary>
    /// The secrets that sign now: the current one, and a rotated-out one for its last day. One this silo cannot
    /// read (written under another Webhooks:SecretKey) signs nothing; with none left, attempts fail until the
    /// tenant rotates the secret.
    /// </summary>
    private List<byte[]> LiveSecrets()
    {
        var now = clock.GetUtcNow();
        var live = _target?.Secrets.Where(s => s.RetiresAt is not { } retires || retires > now).ToList() ?? [];
        var readable = live.Select(s => protector.TryUnprotect(s.Protected)).OfType<string>().ToList();
        if (live.Count - readable.Count != _unreadableSecrets)
        {
            _unreadableSecrets = live.Count - readable.Count;
            if (_unreadableSecrets > 0)
            {
                LogUnreadableSecret(logger, _key.TenantId, _key.EndpointId, _unreadableSecrets);
            }
        }

        _secretsChangeAt = live.Select(s => s.RetiresAt).OfType<DateTimeOffset>().DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        return readable.Select(Encoding.UTF8.GetBytes).ToList();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} signing secret(s) of tenant {TenantId} endpoint {EndpointId} cannot be decrypted with this silo's Webhooks:SecretKey; they sign nothing until the endpoint's secret is rotated")]
    private static partial void LogUnreadableSecret(ILogger logger, string tenantId, string endpointId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook deliveries of tenant {TenantId} endpoint {EndpointId} run on this silo, from after event {TakenThrough}")]
    private static partial void LogRunning(ILogger logger, string tenantId, string endpointId, string takenThrough);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook deliveries of tenant {TenantId} endpoint {EndpointId} could not be saved or read; trying again on the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string tenantId, string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook deliveries of tenant {TenantId} endpoint {EndpointId} could not be saved as the engine stopped; the next activation repeats the attempts made since the last save")]
    private static partial void LogSaveOnDeactivationFailed(ILogger logger, Exception exception, string tenantId, string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery of event {EventId} to tenant {TenantId} endpoint {EndpointId} failed after {Attempts} attempts and 72 hours; it is kept as failed")]
    private static partial void LogGaveUp(ILogger logger, string tenantId, string endpointId, string eventId, int attempts);
}
