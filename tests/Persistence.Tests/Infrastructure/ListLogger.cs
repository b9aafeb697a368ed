using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Quartermaster.Persistence.Tests.Infrastructure;

/// <summary>Keeps every log entry (event id and formatted message) so tests can read what was logged.</summary>
public sealed class ListLogger : ILogger, ILoggerProvider
{
    public ConcurrentQueue<(EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, formatter(state, exception)));

    /// <summary>As a host's logger provider: every category writes to this one list.</summary>
    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }
}
