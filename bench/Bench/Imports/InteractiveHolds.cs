using Quartermaster.Bench.Load;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Imports;

/// <summary>A tenant's interactive traffic beside its import: holds of quantity 1 on items chosen uniformly.</summary>
internal sealed class InteractiveHolds(BenchCatalog catalog, string run) : IWorkload
{
    public string Name => "interactive holds";

    public HttpRequestMessage Next(ClientState client)
    {
        var (sku, warehouse) = catalog.RandomItem(client.Random);
        return Requests.Hold(Engine.Quartermaster, sku, warehouse, Ids.Of(run, "ih", client));
    }
}
