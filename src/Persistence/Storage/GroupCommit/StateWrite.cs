using Npgsql;

namespace Quartermaster.Persistence.Storage.GroupCommit;

/// <summary>
/// One grain's write, as the batch commands its table built. The flusher runs them inside a flush and
/// completes the write only when that flush has committed; the table then reads the commands'
/// <see cref="NpgsqlBatchCommand.Rows"/> to learn whether its version fence held.
/// </summary>
internal sealed class StateWrite(params NpgsqlBatchCommand[] commands)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<NpgsqlBatchCommand> Commands => commands;

    public Task Completion => _completion.Task;

    public bool Owns(NpgsqlBatchCommand command) => Array.IndexOf(commands, command) >= 0;

    public void Committed() => _completion.TrySetResult();

    public void Failed(Exception error) => _completion.TrySetException(error);
}
