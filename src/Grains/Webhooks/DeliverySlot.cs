using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.Grains.Webhooks;

/// <summary>A delivery the engine holds in memory: taken from the log (not yet saved) or pending a retry.</summary>
internal sealed class DeliverySlot(WebhookDelivery delivery, bool saved)
{
    public WebhookDelivery Delivery { get; set; } = delivery;

    /// <summary>
    /// The body read with the log page, for the first attempt only: a retry reads the event as the log holds it
    /// then (an erasure may have stripped a customer's personal fields since), and a slot waiting hours for its
    /// retry holds no copy. An event that has not changed renders to the same bytes.
    /// </summary>
    public byte[]? Body { get; set; }

    /// <summary>A row exists in the store (the attempts since may not be in it yet: see <see cref="Dirty"/>).</summary>
    public bool Saved { get; set; } = saved;

    public bool Dirty { get; set; }

    public bool InFlight { get; set; }

    /// <summary>
    /// A retry was asked for while an attempt was in flight: that attempt began before the request, so the delivery
    /// is owed one more, made as soon as the one in flight ends, whatever its outcome.
    /// </summary>
    public bool RetryOwed { get; set; }

    public bool IsDue(DateTimeOffset now) =>
        !InFlight && Delivery.Status == DeliveryStatus.Pending && (Delivery.NextAttemptAt is not { } at || at <= now);

    /// <summary>Taken from the log and attempted at least once: ready for its first row.</summary>
    public bool NeedsSaving => !InFlight && (Dirty || (!Saved && Delivery.Attempts > 0));

    public bool Finished => Saved && !Dirty && !InFlight && Delivery.Status != DeliveryStatus.Pending;
}
