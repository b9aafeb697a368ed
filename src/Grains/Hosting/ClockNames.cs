namespace Quartermaster.Grains.Hosting;

/// <summary>
/// Grains read business time from a keyed <see cref="TimeProvider"/>, so tests can move it without also
/// moving the clock Orleans uses for membership and messaging.
/// </summary>
public static class ClockNames
{
    public const string Business = "quartermaster.business";
}
