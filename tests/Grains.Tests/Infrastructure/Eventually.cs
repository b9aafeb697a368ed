namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>Waits for a condition by polling it, with a deadline; returns how long it took.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan patience, string what)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - started > patience)
            {
                throw new TimeoutException($"Not true within {patience}: {what}");
            }

            await Task.Delay(Poll);
        }

        return DateTime.UtcNow - started;
    }
}
