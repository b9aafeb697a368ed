namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>Waits for a condition by polling it, with a deadline: the one way these tests wait.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {patience}: {what}");
            }

            await Task.Delay(Poll);
        }
    }
}
