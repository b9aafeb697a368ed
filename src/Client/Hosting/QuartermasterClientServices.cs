using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Hosting;

public static class QuartermasterClientServices
{
    /// <summary>
    /// Registers <see cref="QuartermasterClient"/> as a typed HttpClient with the retry policy of
    /// <see cref="RetryPolicy"/> (Microsoft.Extensions.Http.Resilience); options are validated when first used.
    /// </summary>
    public static IHttpClientBuilder AddQuartermasterClient(this IServiceCollection services, Action<QuartermasterClientOptions> configure)
    {
        services.AddOptions<QuartermasterClientOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        var client = services.AddHttpClient<QuartermasterClient>((provider, http) =>
            QuartermasterClient.Configure(http, provider.GetRequiredService<IOptions<QuartermasterClientOptions>>().Value));
        client.AddResilienceHandler(RetryPolicy.PipelineName, (pipeline, context) =>
            pipeline.AddRetry(RetryPolicy.For(context.ServiceProvider.GetRequiredService<IOptions<QuartermasterClientOptions>>().Value)));
        return client;
    }
}
