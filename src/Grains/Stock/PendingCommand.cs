using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Stock;

/// <summary>A caller's command waiting for the next group commit of its stock item.</summary>
internal abstract class PendingCommand
{
    /// <summary>
    /// The hold the command acts on, if it needs that hold's record (release, commit, keep, revoke): when the
    /// book does not know it, the grain looks it up in storage before the batch runs.
    /// </summary>
    public abstract string? HoldId { get; }

    /// <summary>Applies the command to the book; true if the state changed and must be written.</summary>
    public abstract bool Run(StockBook book, DateTimeOffset now);

    /// <summary>Answers the caller once the batch that holds the command is durable.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception error);
}

internal sealed class PendingCommand<T>(Func<StockBook, DateTimeOffset, BookResult<T>> command, string? holdId) : PendingCommand
{
    public override string? HoldId => holdId;

    private readonly TaskCompletionSource<Outcome<T>> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Outcome<T>? _outcome;

    public Task<Outcome<T>> Answer => _answer.Task;

    /// <summary>May run more than once: a batch refused as holding a replay is run again on a reloaded book.</summary>
    public override bool Run(StockBook book, DateTimeOffset now)
    {
        var result = command(book, now);
        _outcome = result.Outcome;
        return result.Changed;
    }

    public override void Complete() => _answer.TrySetResult(_outcome ?? throw new InvalidOperationException("Completed before it ran."));

    public override void Fail(Exception error) => _answer.TrySetException(error);
}
