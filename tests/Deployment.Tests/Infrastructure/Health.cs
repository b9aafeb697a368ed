using System.Net;

namespace Quartermaster.Deployment.Tests.Infrastructure;

internal static class Health
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Polls <paramref name="url"/> until it answers 200, the process exits, or the deadline passes.</summary>
    public static async Task WaitForOkAsync(string url, RunningProcess process, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        var last = "no answer";
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                using var response = await Client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException error)
            {
                last = error.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{url} did not answer 200 within {deadline} (exited: {process.HasExited}; last: {last}).\n{process.Output}");
    }

    /// <summary>The Dockerfile's HEALTHCHECK command, run as Docker runs it: with the container's environment.</summary>
    public static Task<ProcessResult> RunImageHealthCheckAsync(ImageBuild image, IReadOnlyDictionary<string, string> containerEnvironment)
    {
        var (_, rest) = image.Dockerfile.Final.Last("HEALTHCHECK")!.SplitFlags();
        Assert.StartsWith("CMD ", rest, StringComparison.Ordinal);
        var argv = Instruction.ExecForm(rest[4..]) ?? throw new InvalidDataException("HEALTHCHECK must use the exec form");
        var environment = image.Dockerfile.Final.Environment();
        foreach (var (name, value) in containerEnvironment)
        {
            environment[name] = value;
        }

        return Processes.RunAsync(argv, Path.GetTempPath(), environment, TimeSpan.FromSeconds(10));
    }
}
