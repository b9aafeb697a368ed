using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Webhooks;

/// <summary>Every endpoint whose delivery engine has started, for <see cref="DeliveryEngineKeeper"/>: its cursor rows on PostgreSQL.</summary>
public interface IDeliveryEngineDirectory
{
    Task<IReadOnlyList<WebhookEndpointKey>> EnginesAsync(CancellationToken cancellationToken);
}
