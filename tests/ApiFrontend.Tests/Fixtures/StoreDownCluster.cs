using System.Reflection;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// An <see cref="IGrainFactory"/> whose silos answer but whose store is down: every grain call fails as a silo's
/// call filter fails it while PostgreSQL does not answer (<see cref="GrainUnavailableException"/>).
/// </summary>
public class StoreDownCluster : DispatchProxy
{
    public static IGrainFactory Create() => DispatchProxy.Create<IGrainFactory, StoreDownCluster>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType.IsInterface)
        {
            return DispatchProxy.Create(targetMethod.ReturnType, typeof(StoreDownGrain));
        }

        throw new NotSupportedException($"IGrainFactory.{targetMethod.Name} is not used by the frontend.");
    }
}

/// <summary>A grain reference whose every call fails with the store's outage, as the silo reports it.</summary>
public class StoreDownGrain : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new GrainUnavailableException("A backing store is unavailable (NpgsqlException): Failed to connect (test).");
}
