using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Tests;

public sealed class MembershipSettlingOptionsTests
{
    private static ServiceProvider Services(string? settleTime)
    {
        var settings = settleTime is null ? [] : new[] { KeyValuePair.Create("Quartermaster:Membership:SettleTime", (string?)settleTime) };
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddMembershipSettling()
            .BuildServiceProvider();
    }

    /// <summary>What a host does as it starts, for the options registered with ValidateOnStart.</summary>
    private static TimeSpan StartAndRead(ServiceProvider services)
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<IOptions<MembershipSettlingOptions>>().Value.SettleTime;
    }

    [Theory]
    [InlineData(null, 15)]
    [InlineData("00:00:00", 0)]
    [InlineData("00:05:00", 300)]
    public void The_settle_time_is_15_seconds_unless_set_within_bounds(string? settleTime, int expectedSeconds)
    {
        using var services = Services(settleTime);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), StartAndRead(services));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:05:00.001")]
    public void A_settle_time_outside_0_to_5_minutes_stops_the_host_naming_the_setting(string settleTime)
    {
        using var services = Services(settleTime);
        var error = Assert.Throws<OptionsValidationException>(() => StartAndRead(services));
        Assert.Contains("Quartermaster:Membership:SettleTime", error.Message, StringComparison.Ordinal);
    }
}
