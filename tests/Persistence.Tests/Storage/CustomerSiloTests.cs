using System.Text.Json;
using Orleans.Runtime;
using Quartermaster.Contracts.Events;
using Quartermaster.Contracts.Json;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Customers;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>Customers on PostgreSQL, through real customer grains: erasure empties the row, the list reads the rows by the shared rule.</summary>
public sealed class CustomerSiloTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task Erasure_leaves_nothing_personal_in_the_database_and_orders_keep_the_bare_ref()
    {
        var tenant = await NewTenantAsync();
        var customer = Customer(tenant, "c1");
        var fields = new CustomerFields("Grace Hopper", "grace@navy.example", "555 0100", CustomerStatus.Active,
            new Dictionary<string, string> { ["rank"] = "Rear Admiral" });
        Assert.True((await customer.Put(fields, null)).Value!.Created);
        Assert.Equal("Grace Hopper", await silo.Database.ScalarAsync<string>(
            "SELECT name FROM qm_customers WHERE tenant_id = $1 AND customer_ref = 'c1'", tenant));

        await ReceiveAsync(tenant, 5);
        var placed = await silo.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(tenant, "o1")).Place(new PlaceOrder("c1", [new OrderLine("p", "w", 1)], 900));
        Assert.Null(placed.Failure);

        Assert.Equal("Grace Hopper", await silo.Database.ScalarAsync<string>(
            "SELECT data -> 'Customer' ->> 'Name' FROM qm_events WHERE tenant_id = $1 AND event_type = 'customer.updated'", tenant));

        Assert.True((await customer.Erase(VersionMatch.OneOf(2))).Failure is { Code: FailureCode.PreconditionFailed });
        Assert.True((await customer.Erase(VersionMatch.OneOf(1))).Value);
        Assert.Null(await customer.Get());

        Assert.Equal("erased:2:0", await silo.Database.ScalarAsync<string>("""
            SELECT CASE WHEN erased_at IS NOT NULL THEN 'erased' ELSE 'live' END || ':' || version || ':'
                || num_nonnulls(status, name, email, phone, attributes, name_words, created_at)
            FROM qm_customers WHERE tenant_id = $1 AND customer_ref = 'c1'
            """, tenant));
        // The phone is matched whole: "555" alone turns up by chance in timestamps and generated ids.
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM qm_customers WHERE tenant_id = $1 AND row_to_json(qm_customers)::text ~* 'grace|hopper|navy|555 0100|admiral')
                 + (SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND data::text ~* 'grace|hopper|navy|555 0100|admiral')
            """, tenant));
        Assert.Equal(2L, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND event_type = 'customer.updated'", tenant));

        var order = await silo.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(tenant, "o1")).Get();
        Assert.Equal("c1", order!.CustomerRef);
        Assert.Equal("c1", await silo.Database.ScalarAsync<string>("SELECT customer_ref FROM qm_orders WHERE tenant_id = $1 AND order_id = 'o1'", tenant));

        // A new customer under the ref continues the versions, so an ETag of the erased one never matches it.
        var again = await customer.Put(fields with { Name = "Someone Else", Email = null, Phone = null, Attributes = new Dictionary<string, string>() }, null);
        Assert.Equal((true, 3L), (again.Value!.Created, again.Value.Item.Version));
    }

    /// <summary>
    /// A silo of the previous release, still serving during a rollout, erases by emptying the row as it always did:
    /// the database itself strips the events this release wrote, and unlists them.
    /// </summary>
    [Fact]
    public async Task An_erasure_written_by_the_previous_release_still_strips_the_events()
    {
        var tenant = await NewTenantAsync();
        var fields = new CustomerFields("Ada Lovelace", "ada@engine.example", null, CustomerStatus.Active, new Dictionary<string, string>());
        Assert.True((await Customer(tenant, "c2").Put(fields, null)).Value!.Created);
        Assert.True((await Customer(tenant, "c2").Put(fields with { Phone = "555 0199" }, null)).Value!.Changed);
        Assert.Equal(2L, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND data::text ~* 'lovelace'", tenant));

        Assert.Equal(1L, await silo.Database.ScalarAsync<long>("""
            WITH erased AS (
                UPDATE qm_customers SET version = version + 1, status = NULL, name = NULL, email = NULL, phone = NULL,
                    attributes = NULL, name_words = NULL, created_at = NULL, updated_at = now(), erased_at = now()
                WHERE tenant_id = $1 AND customer_ref = 'c2' RETURNING 1)
            SELECT count(*) FROM erased
            """, tenant));

        Assert.Equal("0:0:2", await silo.Database.ScalarAsync<string>("""
            SELECT (SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND data::text ~* 'lovelace|ada@|555 0199') || ':'
                || (SELECT count(*) FROM qm_customer_events WHERE tenant_id = $1 AND customer_ref = 'c2') || ':'
                || (SELECT count(*) FROM qm_events WHERE tenant_id = $1 AND data -> 'Customer' ->> 'CustomerRef' = 'c2')
            """, tenant));
    }

    [Fact]
    public async Task A_blocked_customer_is_refused_before_anything_is_written()
    {
        var tenant = await NewTenantAsync();
        await ReceiveAsync(tenant, 5);
        Assert.Null((await Customer(tenant, "c1").Put(new CustomerFields("Mallory", null, null, CustomerStatus.Blocked, new Dictionary<string, string>()), null)).Failure);

        var refused = await silo.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(tenant, "o1")).Place(new PlaceOrder("c1", [new OrderLine("p", "w", 1)], 900));
        Assert.Equal(FailureCode.CustomerBlocked, refused.Failure?.Code);
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_orders WHERE tenant_id = $1", tenant));
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>("SELECT reserved FROM qm_stock_items WHERE tenant_id = $1", tenant));
    }

    [Fact]
    public async Task The_list_on_postgresql_answers_every_search_as_the_shared_rule_does()
    {
        var tenant = await NewTenantAsync();
        var customers = new (string Ref, string Name, string? Email, CustomerStatus Status)[]
        {
            ("ACME-001", "Acme Trading Ltd", "orders@acme.example", CustomerStatus.Active),
            ("ACME-002", "Acme Logistics", null, CustomerStatus.Blocked),
            ("acme-3", "Wile E. Coyote", "wile@acme.example", CustomerStatus.Active),
            ("b-17", "Jean-Luc Picard", "captain@enterprise.example", CustomerStatus.Active),
            ("c-9", "Zoë Washburne", "zoe@serenity.example", CustomerStatus.Blocked),
            ("d_1", "Ada Lovelace-King", "ada@analytical.example", CustomerStatus.Active),
            ("gone", "Erased Person", "gone@example.com", CustomerStatus.Active),
        };
        var stored = new List<Customer>();
        foreach (var (customerRef, name, email, status) in customers)
        {
            stored.Add((await Customer(tenant, customerRef).Put(new CustomerFields(name, email, null, status, new Dictionary<string, string>()), null)).Value!.Item);
        }

        Assert.True((await Customer(tenant, "gone").Erase(null)).Value);
        stored.RemoveAll(c => c.CustomerRef == "gone");

        var search = silo.Grains.GetGrain<ICustomerSearchGrain>(tenant);
        foreach (var text in new[] { "acme", "ACME-00", "trad", "acme trad", "luc", "jean luc", "ZOË", "wile@", "Lovelace-K", "king ada", "erased", "e", "x y", "-" })
        {
            foreach (var status in new CustomerStatus?[] { null, CustomerStatus.Blocked })
            {
                var expected = stored.Where(c => CustomerSearchText.Matches(c, text) && (status is null || c.Fields.Status == status))
                    .Select(c => c.CustomerRef).Order(StringComparer.Ordinal).ToList();
                var found = new List<string>();
                string? after = null;
                do
                {
                    var page = await search.Query(new CustomerQuery(text, status, after, 2));
                    found.AddRange(page.Items.Select(c => c.CustomerRef));
                    after = page.NextAfter;
                }
                while (after is not null);
                Assert.True(expected.SequenceEqual(found), $"q={text} status={status}: expected [{string.Join(",", expected)}], got [{string.Join(",", found)}]");
            }
        }

        Assert.Equal(["ACME-001", "ACME-002", "acme-3"], (await search.Query(new CustomerQuery("acme", null, null, 10))).Items.Select(c => c.CustomerRef));
        Assert.Equal(["d_1"], (await search.Query(new CustomerQuery("king ada", null, null, 10))).Items.Select(c => c.CustomerRef));
        var listed = (await search.Query(new CustomerQuery(null, null, null, 10))).Items;
        Assert.Equal(stored.Select(c => (c.CustomerRef, c.Fields.Name, c.Fields.Email, c.Fields.Status, c.Version)).OrderBy(c => c.CustomerRef, StringComparer.Ordinal),
            listed.Select(c => (c.CustomerRef, c.Fields.Name, c.Fields.Email, c.Fields.Status, c.Version)));
    }

    /// <summary>
    /// jsonb keeps keys in an order of its own (shorter first): a customer read back from qm_customers, as after a
    /// silo restart, must still write its attributes as it did before, in its events as in its GET.
    /// </summary>
    [Fact]
    public async Task A_customer_read_back_from_the_database_writes_its_attributes_as_before()
    {
        var tenant = await NewTenantAsync();
        var fields = new CustomerFields("Ada", null, null, CustomerStatus.Active,
            new Dictionary<string, string> { ["tier"] = "gold", ["Tier"] = "Gold", ["\u00e9"] = "x" });
        var before = Written((await Customer(tenant, "c4").Put(fields, null)).Value!.Item);

        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(before, Written((await Customer(tenant, "c4").Get())!));
        Assert.Contains("{\"Tier\":\"Gold\",\"tier\":\"gold\",\"\u00e9\":\"x\"}", before, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions ApiOptions = ApiJson.CreateOptions();

    /// <summary>The customer's event data as the API writes it (timestamps to the millisecond, as the row keeps them to the microsecond).</summary>
    private static string Written(Customer customer) => JsonSerializer.Serialize(CustomerUpdatedDto.Of(CustomerChange.Of(customer)), ApiOptions);

    private async Task<string> NewTenantAsync()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Customers", TenantSettings.Default)).Failure);
        return tenant;
    }

    private async Task ReceiveAsync(string tenant, long quantity)
    {
        await silo.PutCatalogAsync(tenant, "w", "p");
        Assert.Null((await silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenant, "p", "w")).Apply(new Movement("r1", LedgerEntryType.Receipt, quantity, null, null))).Failure);
    }

    private ICustomerGrain Customer(string tenant, string customerRef) => silo.Grains.GetGrain<ICustomerGrain>(GrainKeys.Customer(tenant, customerRef));
}
