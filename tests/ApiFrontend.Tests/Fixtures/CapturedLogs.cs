using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>Every log line a host writes, formatted as a log sink would store it.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
    }
}
