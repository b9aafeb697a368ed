using System.Collections.Concurrent;
using System.Reflection;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// The test cluster's <see cref="IGrainFactory"/>, except that grains of the interfaces a test cuts off fail
/// every call as an unreachable silo does: what a frontend sees while the silo of one tenant's key or settings
/// grain is frozen and the rest of the cluster answers.
/// </summary>
public class PartlyReachableCluster : DispatchProxy
{
    private readonly ConcurrentDictionary<Type, bool> _cut = new();
    private IGrainFactory _inner = null!;

    public static (IGrainFactory Factory, PartlyReachableCluster Control) Create(IGrainFactory inner)
    {
        var factory = DispatchProxy.Create<IGrainFactory, PartlyReachableCluster>();
        var control = (PartlyReachableCluster)(object)factory;
        control._inner = inner;
        return (factory, control);
    }

    public void CutOff(params Type[] grainInterfaces)
    {
        foreach (var type in grainInterfaces)
        {
            _cut[type] = true;
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.GetGrain) && _cut.ContainsKey(targetMethod.ReturnType))
        {
            return DispatchProxy.Create(targetMethod.ReturnType, typeof(UnreachableGrain));
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }
}
