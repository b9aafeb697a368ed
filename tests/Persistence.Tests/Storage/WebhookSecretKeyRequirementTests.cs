using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Webhooks;
using Quartermaster.Persistence.Hosting;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// docs/operations.md: "A silo with durable state refuses to start without a key". An empty value (a Secret or an
/// environment variable set to nothing) is no key: it would seal endpoint secrets with a key of this process only.
/// </summary>
public sealed class WebhookSecretKeyRequirementTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_durable_silo_without_a_key_is_refused(string? secretKey)
    {
        using var services = Build(secretKey);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookOptions>>().Value);
        Assert.Contains(WebhookSecretKeyRequirement.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_durable_silo_with_a_key_starts()
    {
        var key = Convert.ToBase64String(new byte[32]);
        using var services = Build(key);
        Assert.Equal(key, services.GetRequiredService<IOptions<WebhookOptions>>().Value.SecretKey);
    }

    private static ServiceProvider Build(string? secretKey)
    {
        var values = new Dictionary<string, string?>();
        if (secretKey is not null)
        {
            values[$"{WebhookOptions.Section}:{nameof(WebhookOptions.SecretKey)}"] = secretKey;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.RequireWebhookSecretKey();
        return services.BuildServiceProvider();
    }
}
