using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Quartermaster.Grains.Orders;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>Reads the cluster's order due index the way the sweepers do.</summary>
public static class DueOrders
{
    /// <summary>Whether the order is in the due index at all (due now or later).</summary>
    public static async Task<bool> ContainsAsync(TestCluster cluster, string orderKey)
    {
        var index = ((InProcessSiloHandle)cluster.Primary!).SiloHost!.Services.GetRequiredService<IOrderDueIndex>();
        for (var range = 0; range < OrderSweep.Ranges; range++)
        {
            DueEntry? after = null;
            IReadOnlyList<DueEntry> page;
            do
            {
                page = await index.DueAsync(range, DateTimeOffset.MaxValue, after, 500, CancellationToken.None);
                if (page.Any(d => d.Key == orderKey))
                {
                    return true;
                }

                after = page.Count > 0 ? page[^1] : null;
            }
            while (page.Count == 500);
        }

        return false;
    }
}
