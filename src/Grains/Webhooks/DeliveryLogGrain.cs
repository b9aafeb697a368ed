using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// One endpoint's deliveries and cursor in memory mode, kept while the process runs (the newest
/// <see cref="Kept"/> finished deliveries; pending ones are always kept). On PostgreSQL these are tables.
/// </summary>
public sealed class DeliveryLogGrain : Grain, IDeliveryLogGrain
{
    public const int Kept = 100_000;

    private readonly SortedDictionary<string, WebhookDelivery> _deliveries = new(StringComparer.Ordinal);
    private DeliveryCursor _cursor = new(null, 0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Nothing else holds these deliveries: the activation stays for the life of the process.
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }

    public Task<DeliveryCursor> Cursor() => Task.FromResult(_cursor);

    public Task<long?> Save(long expectedVersion, string? takenThrough, IReadOnlyList<WebhookDelivery> deliveries)
    {
        if (expectedVersion != _cursor.Version)
        {
            return Task.FromResult<long?>(null);
        }

        foreach (var delivery in deliveries)
        {
            _deliveries[delivery.DeliveryId] = delivery;
        }

        _cursor = new DeliveryCursor(takenThrough ?? _cursor.TakenThrough, _cursor.Version + 1);
        ForgetOldest();
        return Task.FromResult<long?>(_cursor.Version);
    }

    public Task<IReadOnlyList<WebhookDelivery>> Pending(int limit) =>
        Task.FromResult<IReadOnlyList<WebhookDelivery>>(_deliveries.Values
            .Where(d => d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.DeliveryId, StringComparer.Ordinal)
            .Take(limit).ToList());

    public Task<WebhookDelivery?> Get(string deliveryId) => Task.FromResult(_deliveries.GetValueOrDefault(deliveryId));

    public Task<Page<WebhookDelivery>> List(DeliveryStatus? status, string? after, int limit)
    {
        var page = _deliveries.Values
            .Where(d => after is null || string.CompareOrdinal(d.DeliveryId, after) > 0)
            .Where(d => status is null || d.Status == status)
            .Take(limit + 1).ToList();
        return Task.FromResult(new Page<WebhookDelivery>(page.Take(limit).ToList(), page.Count > limit ? page[limit - 1].DeliveryId : null));
    }

    public Task<int> RetryFailed(DateTimeOffset now)
    {
        var failed = _deliveries.Values.Where(d => d.Status == DeliveryStatus.Failed).ToList();
        foreach (var delivery in failed)
        {
            _deliveries[delivery.DeliveryId] = delivery with { Status = DeliveryStatus.Pending, NextAttemptAt = now };
        }

        return Task.FromResult(failed.Count);
    }

    public Task Clear()
    {
        _deliveries.Clear();
        _cursor = new DeliveryCursor(null, _cursor.Version + 1);
        return Task.CompletedTask;
    }

    private void ForgetOldest()
    {
        var excess = _deliveries.Count - Kept;
        foreach (var finished in _deliveries.Values.Where(d => d.Status != DeliveryStatus.Pending).Take(Math.Max(0, excess)).ToList())
        {
            _deliveries.Remove(finished.DeliveryId);
        }
    }
}
