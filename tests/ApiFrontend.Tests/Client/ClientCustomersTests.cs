using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Contracts;
using Quartermaster.Client.Problems;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>Customers and catalog search through the .NET client.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientCustomersTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_customer_is_put_searched_blocked_and_erased()
    {
        var tenant = await fixture.NewTenantAsync("client-customers", defaultSettings: true);
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 4);
        using var host = new ClientHost(fixture, tenant.Key);
        var customers = host.Client.Customers;

        var created = await customers.PutAsync("c1", new PutCustomerRequest { Name = "Ada Lovelace", Email = "ada@example.com", Status = CustomerStatus.Active });
        Assert.Equal("Ada Lovelace", created.Value.Name);
        var blocked = await customers.PutAsync("c1", new PutCustomerRequest { Name = "Ada Lovelace", Status = CustomerStatus.Blocked }, created.ETag);
        Assert.Equal(CustomerStatus.Blocked, blocked.Value.Status);
        var stale = await Assert.ThrowsAsync<QuartermasterProblemException>(() =>
            customers.PutAsync("c1", new PutCustomerRequest { Name = "Late", Status = CustomerStatus.Active }, created.ETag));
        Assert.Equal((412, ProblemCodes.PreconditionFailed), (stale.Status, stale.Code));

        Assert.Equal(["c1"], await customers.EnumerateAsync(search: "love", status: CustomerStatus.Blocked, pageSize: 1).Select(c => c.CustomerRef).ToListAsync());
        var refused = await Assert.ThrowsAsync<QuartermasterProblemException>(() => host.Client.Orders.PlaceAsync(new PlaceOrderRequest
        {
            OrderId = "o1",
            CustomerRef = "c1",
            Lines = [new OrderLineDto { Sku = "p1", WarehouseId = "w1", Quantity = 1 }],
        }));
        Assert.Equal((409, ProblemCodes.CustomerBlocked), (refused.Status, refused.Code));

        await customers.EraseAsync("c1", blocked.ETag);
        var gone = await Assert.ThrowsAsync<QuartermasterProblemException>(() => customers.GetAsync("c1"));
        Assert.Equal(404, gone.Status);

        Assert.Equal(["p1"], (await host.Client.Catalog.ListProductsAsync(search: "P")).Items.Select(p => p.Sku));
        Assert.Empty((await host.Client.Catalog.ListWarehousesAsync(search: "nowhere")).Items);
    }
}
