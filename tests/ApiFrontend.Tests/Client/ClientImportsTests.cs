using System.Text;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Contracts;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>An import through the .NET client: the file as a stream, then waiting for the outcome.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientImportsTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_csv_file_is_sent_as_a_stream_and_waited_for()
    {
        var tenant = await fixture.NewTenantAsync("client-imports", defaultSettings: true);
        await tenant.SeedAsync(["p1"], ["w1"]);
        using var host = new ClientHost(fixture, tenant.Key);
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes("sku,warehouseId,movementId,quantity\np1,w1,m1,5\np1,w1,m2,x\n"));

        var started = await host.Client.Imports.StartAsync(ImportKind.Receipts, file, "text/csv");
        Assert.Equal(ImportRunStatus.Running, started.Status);
        var done = await host.Client.Imports.WaitAsync(started.ImportId, TimeSpan.FromMilliseconds(50));
        Assert.Equal((ImportRunStatus.Completed_with_errors, 1L, 1L), (done.Status, done.RowsApplied, done.RowsFailed));
        Assert.Equal((3, "quantity"), (done.Errors.Single().Line, done.Errors.Single().Field));
        Assert.Equal(5, (await tenant.StockAsync("p1", "w1")).OnHand);
    }
}
