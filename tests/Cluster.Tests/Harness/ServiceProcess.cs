using System.Diagnostics;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>One silo or frontend as a real OS process, with its output kept in a log file.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(File.Open(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process, log, logPath);
    }

    public string ReadLog()
    {
        using var stream = File.Open(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async Task KillAsync()
    {
        await Shell.SignalAsync(Pid, "KILL");
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// For a failure message: whether the process runs and in which kernel state (a stopped one is "T"), and the
    /// last lines it wrote.
    /// </summary>
    public string Describe(int lastLines = 5)
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running, state " + KernelState();
        var lines = ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tail = lines.Length == 0 ? "  (no output)" : string.Join("\n", lines.TakeLast(lastLines).Select(l => "  " + (l.Length > 400 ? l[..400] : l)));
        return $"{Name} (pid {Pid}): {state}, {lines.Length} lines of output\n{tail}";
    }

    private string KernelState()
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) S ...", the state letter after the command's closing parenthesis.
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var wchan = File.ReadAllText($"/proc/{Pid}/wchan");
            return $"{stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0]} (waiting in {(wchan.Length == 0 ? "-" : wchan)})";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public Task PauseAsync() => Shell.SignalAsync(Pid, "STOP");

    public Task ResumeAsync() => Shell.SignalAsync(Pid, "CONT");

    /// <summary>SIGTERM, as Kubernetes sends it, and waits for a graceful exit.</summary>
    public async Task TerminateAsync(TimeSpan patience)
    {
        await Shell.SignalAsync(Pid, "TERM");
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
