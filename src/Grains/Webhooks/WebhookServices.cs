using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Quartermaster.Grains.Webhooks;

public static class WebhookServices
{
    /// <summary>
    /// The webhook primitives as singletons (URL policy, secret protector, sender with its guarded client),
    /// their options bound to `Webhooks` and checked at start-up.
    /// </summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AllowedWebhookHosts(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedHosts));
        services.TryAddSingleton<WebhookUrlPolicy>();
        services.TryAddSingleton<WebhookSecretProtector>();
        services.TryAddSingleton<WebhookSender>();
        return services;
    }

    /// <summary>
    /// Wakes every started delivery engine from each silo (<see cref="DeliveryEngineKeeper"/>), listed by the
    /// durable store. Not in the in-memory mode: its one silo is its whole state.
    /// </summary>
    public static IServiceCollection AddDeliveryEngineKeeper(this IServiceCollection services, Func<IServiceProvider, IDeliveryEngineDirectory> directory)
    {
        services.AddSingleton(directory);
        services.AddSingleton<DeliveryEngineKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeliveryEngineKeeper>());
        return services;
    }
}
