using System.Reflection;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// An <see cref="IGrainFactory"/> whose grains never answer: every grain call fails the way a client cut off
/// from its cluster fails (<see cref="OrleansException"/>), so the frontend's answer to an outage can be seen.
/// </summary>
public class UnreachableCluster : DispatchProxy
{
    public static IGrainFactory Create() => DispatchProxy.Create<IGrainFactory, UnreachableCluster>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType.IsInterface)
        {
            return DispatchProxy.Create(targetMethod.ReturnType, typeof(UnreachableGrain));
        }

        throw new NotSupportedException($"IGrainFactory.{targetMethod.Name} is not used by the frontend.");
    }
}

/// <summary>A grain reference whose every call fails as if the cluster were gone.</summary>
public class UnreachableGrain : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new OrleansException($"The cluster is unreachable (test): {targetMethod?.Name}.");
}
