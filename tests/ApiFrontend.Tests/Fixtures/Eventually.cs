namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>Polls a condition until it holds or the deadline passes (then fails with the message).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string failure)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {within.TotalSeconds} s: {failure}");
            await Task.Delay(50);
        }
    }
}
