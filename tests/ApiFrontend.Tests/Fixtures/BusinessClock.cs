using Microsoft.Extensions.Time.Testing;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// The business clock of every silo of the test cluster. Silos are configured through a static configurator
/// type and run in this process, so a static instance is how tests reach it. Tests run one at a time (one
/// collection) and only ever move it forward, and only by seconds: holds placed with the default 900-second
/// lifetime by other tests must never expire because of it.
/// </summary>
public static class BusinessClock
{
    public static FakeTimeProvider Instance { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static void Advance(TimeSpan by) => Instance.Advance(by);
}
