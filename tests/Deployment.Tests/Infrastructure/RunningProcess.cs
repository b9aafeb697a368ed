using System.Diagnostics;
using System.Text;

namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>A long-running process (a silo, a frontend) that is stopped the way Kubernetes stops it: SIGTERM.</summary>
internal sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningProcess(Process process) => _process = process;

    public string Output => Processes.Text(_output);

    public bool HasExited => _process.HasExited;

    public static RunningProcess Start(IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var running = new RunningProcess(new Process { StartInfo = Processes.StartInfo(argv, workingDirectory, environment) });
        running._process.OutputDataReceived += (_, e) => Processes.Append(running._output, e.Data);
        running._process.ErrorDataReceived += (_, e) => Processes.Append(running._output, e.Data);
        running._process.Start();
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>SIGTERM, then the exit code, or null when it did not exit within <paramref name="grace"/> (then it is killed).</summary>
    public async Task<int?> TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
