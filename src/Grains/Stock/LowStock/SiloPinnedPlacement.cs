using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>
/// Places a grain on the silo its key names (<see cref="SiloAddress.ToParsableString"/>): a way to reach one
/// silo's services, one activation per silo. A key naming no live silo cannot be placed.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SiloPinnedPlacement : PlacementStrategy
{
    public static readonly SiloPinnedPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(SiloPinnedPlacement.Instance);

internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var wanted = target.GrainIdentity.Key.ToString();
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.ToParsableString() == wanted)
            {
                return Task.FromResult(silo);
            }
        }

        throw new OrleansException($"No live silo is {wanted}: a silo-pinned grain lives only there.");
    }
}
