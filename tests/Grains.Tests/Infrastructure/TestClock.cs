using Microsoft.Extensions.Time.Testing;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>
/// The one business clock of every silo of the test cluster. Silos are configured through a static
/// configurator type and run in this process, so a static instance is how tests reach the clock they use.
/// Tests that move it run one at a time (one xunit collection) and only ever move it forward.
/// </summary>
public static class TestClock
{
    public static FakeTimeProvider Instance { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static DateTimeOffset Now => Instance.GetUtcNow();

    public static void Advance(TimeSpan by) => Instance.Advance(by);
}
