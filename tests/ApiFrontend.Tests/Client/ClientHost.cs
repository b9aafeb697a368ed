using Microsoft.Extensions.DependencyInjection;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client;
using Quartermaster.Client.Hosting;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>
/// The .NET client as an application gets it (AddQuartermasterClient and its retry handler), sending to the test
/// frontend; <paramref name="between"/> optionally sits between the retry handler and the frontend.
/// </summary>
public sealed class ClientHost(ApiFixture fixture, string key, Func<DelegatingHandler>? between = null, int maxRetries = 3) : IDisposable
{
    private readonly ServiceProvider _services = Build(fixture, key, between, maxRetries);

    public QuartermasterClient Client => _services.GetRequiredService<QuartermasterClient>();

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Build(ApiFixture fixture, string key, Func<DelegatingHandler>? between, int maxRetries)
    {
        var services = new ServiceCollection();
        var client = services.AddQuartermasterClient(options =>
        {
            options.BaseAddress = fixture.Factory.Server.BaseAddress;
            options.ApiKey = key;
            options.MaxRetries = maxRetries;
        }).ConfigurePrimaryHttpMessageHandler(() => fixture.Factory.Server.CreateHandler());
        if (between is not null)
        {
            client.AddHttpMessageHandler(between);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }
}
