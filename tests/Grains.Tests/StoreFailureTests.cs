using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Tests.Infrastructure;
using Quartermaster.Grains.Tests.Probes;

namespace Quartermaster.Grains.Tests;

/// <summary>A backing store's failure reaches the caller as "unavailable", never as a type the caller cannot read.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreFailureTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("database")]
    [InlineData("socket")]
    public async Task A_store_failure_crosses_as_grain_unavailable(string kind)
    {
        var probe = fixture.Grains.GetGrain<IStoreFailureProbeGrain>($"probe-{kind}");

        var error = await Assert.ThrowsAsync<GrainUnavailableException>(() => probe.Fail(kind));

        Assert.Contains("backing store is unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_failures_keep_their_type()
    {
        var probe = fixture.Grains.GetGrain<IStoreFailureProbeGrain>("probe-other");

        await Assert.ThrowsAsync<InvalidOperationException>(() => probe.Fail("other"));
    }
}
