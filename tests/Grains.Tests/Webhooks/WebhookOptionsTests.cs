using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Webhooks:{s.Key}", (string?)s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddWebhookDelivery()
            .BuildServiceProvider();
    }

    /// <summary>What a host does as it starts, for the options registered with ValidateOnStart.</summary>
    private static void Start(ServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public void Defaults_are_valid_and_every_primitive_resolves()
    {
        using var services = Services();
        Start(services);

        var options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Equal((10, 32, 256, 1024), (options.TimeoutSeconds, options.MaxConcurrentPerEndpoint, options.MaxConcurrentPerSilo, options.MaxResponseBytesKept));
        Assert.NotNull(services.GetRequiredService<WebhookUrlPolicy>());
        Assert.NotNull(services.GetRequiredService<WebhookSender>());
        Assert.False(services.GetRequiredService<WebhookSecretProtector>().HasConfiguredKey);
    }

    [Fact]
    public void Bound_values_reach_the_primitives()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var services = Services(("SecretKey", key), ("AllowedHosts:0", "Hooks.Internal"), ("AllowedHosts:1", "10.0.4.7"));
        Start(services);

        Assert.True(services.GetRequiredService<WebhookSecretProtector>().HasConfiguredKey);
        var hosts = services.GetRequiredService<AllowedWebhookHosts>();
        Assert.True(hosts.Contains("hooks.internal"));
        Assert.True(hosts.Contains("10.0.4.7"));
        Assert.False(hosts.Contains("hooks.internal.example.com"));
    }

    [Theory]
    [InlineData("SecretKey", "c2hvcnQ=")] // 5 bytes
    [InlineData("SecretKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 39 bytes
    [InlineData("SecretKey", "not base64 at all")]
    [InlineData("TimeoutSeconds", "0")]
    [InlineData("TimeoutSeconds", "61")]
    [InlineData("MaxConcurrentPerEndpoint", "0")]
    [InlineData("MaxConcurrentPerSilo", "0")]
    [InlineData("MaxResponseBytesKept", "-1")]
    [InlineData("AllowedHosts:0", "https://hooks.internal")]
    [InlineData("AllowedHosts:0", "hooks.internal:8080")]
    public void Bad_settings_stop_the_start(string key, string value)
    {
        using var services = Services((key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => Start(services));
        Assert.Contains($"Webhooks:{key.Split(':')[0]}", refused.Message);
    }

    [Fact]
    public void A_secret_key_of_16_bytes_is_not_AES_256()
    {
        using var services = Services(("SecretKey", Convert.ToBase64String(new byte[16])));

        var refused = Assert.Throws<OptionsValidationException>(() => Start(services));
        Assert.Contains("32 bytes", refused.Message);
    }
}
