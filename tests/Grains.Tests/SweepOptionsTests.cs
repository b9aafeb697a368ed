using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Grains.Tests;

public sealed class SweepOptionsTests
{
    private static ServiceProvider Services(string? period)
    {
        var settings = period is null ? [] : new[] { KeyValuePair.Create("Quartermaster:Sweep:Period", (string?)period) };
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddOrderSweep<MemoryOrderDueIndex, MemoryHoldDueIndex>()
            .BuildServiceProvider();
    }

    /// <summary>What a host does as it starts, for the options registered with ValidateOnStart.</summary>
    private static TimeSpan StartAndRead(ServiceProvider services)
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<IOptions<SweepOptions>>().Value.Period;
    }

    [Theory]
    [InlineData(null, 5_000)]
    [InlineData("00:00:00.1", 100)]
    [InlineData("00:00:15", 15_000)]
    public void The_period_is_five_seconds_unless_set_within_bounds(string? period, int expectedMilliseconds)
    {
        using var services = Services(period);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), StartAndRead(services));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.099")]
    [InlineData("00:00:15.001")]
    [InlineData("-00:00:05")]
    public void A_period_outside_100_ms_to_15_s_stops_the_host_naming_the_setting(string period)
    {
        using var services = Services(period);
        var error = Assert.Throws<OptionsValidationException>(() => StartAndRead(services));
        Assert.Contains("Quartermaster:Sweep:Period", error.Message, StringComparison.Ordinal);
    }
}
