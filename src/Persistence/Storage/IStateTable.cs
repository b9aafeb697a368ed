namespace Quartermaster.Persistence.Storage;

/// <summary>Reads and writes one family of grain state; every write is conditional on the version read.</summary>
internal interface IStateTable<TState>
{
    Task ReadAsync(string grainType, string grainId, IGrainState<TState> state);

    /// <exception cref="InconsistentStateException">The stored version is not the one the state was read at.</exception>
    Task WriteAsync(string grainType, string grainId, IGrainState<TState> state);

    Task ClearAsync(string grainType, string grainId, IGrainState<TState> state);
}
