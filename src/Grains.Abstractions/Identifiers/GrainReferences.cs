using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Quartermaster.Grains.Abstractions.Identifiers;

/// <summary>
/// References to string-keyed grains for the request path. Orleans' <c>GetGrain&lt;T&gt;(string)</c> resolves the
/// interface's grain type on every call, reading its attributes and formatting its name without a cache; a profile
/// of order placement showed it among the server's costs. Here the types are resolved once per grain factory and
/// interface, and each reference is built from its id.
/// </summary>
public static class GrainReferences
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)>> Resolved = [];

    /// <summary>The same reference as <c>grains.GetGrain&lt;T&gt;(key)</c>.</summary>
    public static T Get<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var types = Resolved.GetOrCreateValue(grains).GetOrAdd(typeof(T), static (_, factory) => Resolve<T>(factory), grains);
        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private static (GrainType, GrainInterfaceType) Resolve<T>(IGrainFactory grains) where T : IGrainWithStringKey
    {
        var probe = (GrainReference)(object)grains.GetGrain<T>("type-probe");
        return (probe.GrainId.Type, probe.InterfaceType);
    }
}
