namespace Quartermaster.Persistence.Storage;

/// <summary>The `business` storage provider: any other grain state as one jsonb row (<see cref="GenericStateTable"/>).</summary>
internal sealed class JsonGrainStorage(GenericStateTable table, StorageFailures failures) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        failures.Guard(() => table.ReadAsync(StateKey.GrainType(stateName, grainId), StateKey.Id(grainId), grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        failures.Guard(() => table.WriteAsync(StateKey.GrainType(stateName, grainId), StateKey.Id(grainId), grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        failures.Guard(() => table.ClearAsync(StateKey.GrainType(stateName, grainId), StateKey.Id(grainId), grainState));
}
