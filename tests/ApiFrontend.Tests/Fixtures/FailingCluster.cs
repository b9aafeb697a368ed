using System.Reflection;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// An <see cref="IGrainFactory"/> whose every grain call fails the way <typeparamref name="TGrain"/> fails it, so the
/// frontend's answer to an outage can be seen.
/// </summary>
public class FailingCluster<TGrain> : DispatchProxy
    where TGrain : DispatchProxy
{
    public static IGrainFactory Create() => DispatchProxy.Create<IGrainFactory, FailingCluster<TGrain>>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType.IsInterface)
        {
            return DispatchProxy.Create(targetMethod.ReturnType, typeof(TGrain));
        }

        throw new NotSupportedException($"IGrainFactory.{targetMethod.Name} is not used by the frontend.");
    }
}

/// <summary>A grain reference whose every call fails as if the cluster were gone (a client cut off from it).</summary>
public class UnreachableGrain : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new OrleansException($"The cluster is unreachable (test): {targetMethod?.Name}.");
}

/// <summary>
/// A grain reference whose silo answers but whose store is down: every call fails as a silo's call filter fails it
/// while PostgreSQL does not answer.
/// </summary>
public class StoreDownGrain : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new GrainUnavailableException("A backing store is unavailable (NpgsqlException): Failed to connect (test).");
}

/// <summary>A grain reference whose silo skips its store because the store's circuit breaker is open.</summary>
public class BreakerOpenGrain : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new StoreDownException("PostgreSQL is unavailable (circuit breaker open); retry shortly (test).");
}
