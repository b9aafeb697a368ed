using System.Globalization;
using Quartermaster.Bench.Load;

namespace Quartermaster.Bench.Workloads;

/// <summary>(a) holds of quantity 1 on one stock item.</summary>
internal sealed class HotSkuHolds(Engine engine, BenchCatalog catalog, string run) : IWorkload
{
    public string Name => "hot-sku holds";

    public HttpRequestMessage Next(ClientState client) =>
        Requests.Hold(engine, BenchCatalog.HotSku, catalog.HotWarehouse, Ids.Of(run, "hot", client));
}

/// <summary>(b) orders of three distinct items chosen uniformly from every sku and warehouse.</summary>
internal sealed class UniformOrders(Engine engine, BenchCatalog catalog, string run) : IWorkload
{
    public string Name => "uniform 3-line orders";

    public HttpRequestMessage Next(ClientState client) => Requests.Order(engine, Ids.Of(run, "ord", client), ThreeItems(catalog, client.Random));

    public static IReadOnlyList<(string, string)> ThreeItems(BenchCatalog catalog, Random random)
    {
        var lines = new List<(string, string)>(3);
        while (lines.Count < 3)
        {
            var item = catalog.RandomItem(random);
            if (!lines.Contains(item))
            {
                lines.Add(item);
            }
        }

        return lines;
    }
}

/// <summary>(c) stock look-ups of items chosen uniformly.</summary>
internal sealed class StockReads(Engine engine, BenchCatalog catalog) : IWorkload
{
    public string Name => "stock reads";

    public HttpRequestMessage Next(ClientState client)
    {
        var (sku, warehouse) = catalog.RandomItem(client.Random);
        return Requests.Read(engine, sku, warehouse);
    }
}

/// <summary>(d) 70% reads, 20% holds on uniform items, 10% orders: a storefront's mix.</summary>
internal sealed class MixedTraffic(Engine engine, BenchCatalog catalog, string run) : IWorkload
{
    public string Name => "mixed 70/20/10";

    public HttpRequestMessage Next(ClientState client)
    {
        var roll = client.Random.Next(100);
        if (roll < 70)
        {
            var (sku, warehouse) = catalog.RandomItem(client.Random);
            return Requests.Read(engine, sku, warehouse);
        }

        if (roll < 90)
        {
            var (sku, warehouse) = catalog.RandomItem(client.Random);
            return Requests.Hold(engine, sku, warehouse, Ids.Of(run, "mix", client));
        }

        return Requests.Order(engine, Ids.Of(run, "mxo", client), UniformOrders.ThreeItems(catalog, client.Random));
    }
}

/// <summary>
/// (e) an order's life: each client places a uniform 3-line order, confirms it, ships it, and starts the next; three
/// requests per order, each counted on its own (an order whose placement was refused makes its next two requests fail).
/// </summary>
internal sealed class OrderLifecycle(Engine engine, BenchCatalog catalog, string run) : IWorkload
{
    public string Name => "order lifecycle";

    public HttpRequestMessage Next(ClientState client)
    {
        var orderId = string.Create(CultureInfo.InvariantCulture, $"{run}-life-{client.Number}-{client.Sequence / 3}");
        return (client.Sequence % 3) switch
        {
            0 => Requests.Order(engine, orderId, UniformOrders.ThreeItems(catalog, client.Random)),
            1 => Requests.Confirm(engine, orderId),
            _ => Requests.Ship(engine, orderId),
        };
    }
}

/// <summary>Ids unique per run, workload, client and request, so nothing is ever a replay.</summary>
internal static class Ids
{
    public static string Of(string run, string kind, ClientState client) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}-{kind}-{client.Number}-{client.Sequence}");
}
