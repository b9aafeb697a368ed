namespace Quartermaster.Persistence.Storage;

/// <summary>How a grain's state is keyed in the tables: the grain's key, and its type with the state name.</summary>
internal static class StateKey
{
    public static string GrainType(string stateName, GrainId grainId) => $"{grainId.Type}/{stateName}";

    public static string Id(GrainId grainId) => grainId.Key.ToString()!;
}
