using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// Runs on every durable silo while it is active: wakes every endpoint's delivery engine each
/// <see cref="Period"/>. An engine whose silo died comes back as soon as the cluster has declared the silo dead,
/// instead of at its reminder's next tick (up to a minute later); the reminder stays as the backstop.
/// </summary>
internal sealed partial class DeliveryEngineKeeper(IDeliveryEngineDirectory directory, IGrainFactory grains, ILogger<DeliveryEngineKeeper> logger)
    : ActiveSiloLoop
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    var engines = await directory.EnginesAsync(stopping);
                    await Task.WhenAll(engines.Select(engine => WakeAsync(engine, stopping)));
                }
                catch (Exception error) when (!stopping.IsCancellationRequested)
                {
                    LogListFailed(error);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the silo is stopping
        }
    }

    /// <summary>An engine on a silo that is dead but not yet declared so cannot answer; the next round tries again.</summary>
    private async Task WakeAsync(WebhookEndpointKey engine, CancellationToken stopping)
    {
        try
        {
            await grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(engine.TenantId, engine.EndpointId)).Wake().WaitAsync(Period, stopping);
        }
        catch (Exception error) when (!stopping.IsCancellationRequested)
        {
            LogWakeFailed(error, engine.TenantId, engine.EndpointId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery engines to keep could not be listed; trying again next round")]
    private partial void LogListFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The delivery engine of tenant {TenantId} endpoint {EndpointId} did not answer its wake-up; trying again next round")]
    private partial void LogWakeFailed(Exception error, string tenantId, string endpointId);
}
