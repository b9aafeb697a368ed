using System.Diagnostics;
using System.Text;
using Quartermaster.Tests.Shared;

namespace Quartermaster.Deployment.Tests.Infrastructure;

internal sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs commands with an explicit environment (like a container: nothing inherited but PATH and HOME).</summary>
internal static class Processes
{
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public static async Task<ProcessResult> RunAsync(
        IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = StartInfo(argv, workingDirectory, environment) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', argv)}` did not finish within {timeout}:\n{Text(output)}");
        }

        return new ProcessResult(process.ExitCode, Text(output));
    }

    /// <summary>A loopback port free now and handed out once, below the ephemeral range (see <see cref="Ports"/>).</summary>
    public static int FreePort() => Ports.Next();

    internal static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    internal static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
