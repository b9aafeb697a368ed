using Quartermaster.Grains.Hosting;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// A named storage provider serving one table family (stock items, orders): only grains whose state is
/// <typeparamref name="TState"/> may name it, and one that does not is told so at its first read. Every table writes
/// a state never read as an insert that a stored row refuses (the version fence), hence <see cref="IInsertsOnlyNewRows"/>.
/// </summary>
internal sealed class TableGrainStorage<TState>(string name, IStateTable<TState> table, StorageFailures? failures = null) : IGrainStorage, IInsertsOnlyNewRows
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        (failures ?? StorageFailures.WithoutBreaker).Guard(() => table.ReadAsync(StateKey.GrainType(stateName, grainId), StateKey.Id(grainId), Typed(grainState)));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        (failures ?? StorageFailures.WithoutBreaker).Guard(() => table.WriteAsync(StateKey.GrainType(stateName, grainId), StateKey.Id(grainId), Typed(grainState)));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        (failures ?? StorageFailures.WithoutBreaker).Guard(() => table.ClearAsync(StateKey.GrainType(stateName, grainId), StateKey.Id(grainId), Typed(grainState)));

    private IGrainState<TState> Typed<T>(IGrainState<T> grainState) =>
        grainState as IGrainState<TState> ?? throw new InvalidOperationException(
            $"Storage '{name}' holds {typeof(TState).Name}, not {typeof(T).Name}: check the storage name the grain asks for.");
}
