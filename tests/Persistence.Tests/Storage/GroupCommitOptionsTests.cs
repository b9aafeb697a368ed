using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Tests.Storage;

public sealed class GroupCommitOptionsTests
{
    [Theory]
    [InlineData("0", "256")]
    [InlineData("65", "256")]
    [InlineData("4", "0")]
    [InlineData("4", "10001")]
    public void Limits_outside_their_range_are_refused(string flushes, string writes)
    {
        using var services = Build(flushes, writes);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GroupCommitOptions>>().Value);
        Assert.Contains(GroupCommitOptions.Section, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_limits_are_bound()
    {
        using var services = Build("8", "64");
        var options = services.GetRequiredService<IOptions<GroupCommitOptions>>().Value;
        Assert.Equal((8, 64), (options.MaxFlushesInFlight, options.MaxWritesPerFlush));
    }

    private static ServiceProvider Build(string flushes, string writes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{GroupCommitOptions.Section}:{nameof(GroupCommitOptions.MaxFlushesInFlight)}"] = flushes,
            [$"{GroupCommitOptions.Section}:{nameof(GroupCommitOptions.MaxWritesPerFlush)}"] = writes,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddGroupCommit();
        return services.BuildServiceProvider();
    }
}
