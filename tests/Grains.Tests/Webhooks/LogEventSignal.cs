using Microsoft.Extensions.Logging;

namespace Quartermaster.Grains.Tests.Webhooks;

/// <summary>A logger that lets a test wait until one event id has been logged: a point the code under test has reached.</summary>
internal sealed class LogEventSignal<T>(int eventId) : ILogger<T>
{
    private readonly TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Logged => _logged.Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (id.Id == eventId)
        {
            _logged.TrySetResult();
        }
    }
}
