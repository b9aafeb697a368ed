namespace Quartermaster.Persistence.Storage;

/// <summary>Reads and writes one kind of grain state; every write is conditional on the version read.</summary>
internal interface IStateTable
{
    Task ReadAsync<T>(string grainType, string grainId, IGrainState<T> state);

    /// <exception cref="InconsistentStateException">The stored version is not the one the state was read at.</exception>
    Task WriteAsync<T>(string grainType, string grainId, IGrainState<T> state);

    Task ClearAsync<T>(string grainType, string grainId, IGrainState<T> state);
}
