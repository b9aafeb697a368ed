using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;
using static Quartermaster.Grains.Tests.Infrastructure.OrderScenario;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OrderConcurrencyTests(ClusterFixture fixture)
{
    private static readonly string[] Skus = ["s1", "s2", "s3", "s4", "s5"];

    [Fact]
    public async Task Competing_orders_are_each_fully_reserved_or_absent()
    {
        const int Orders = 200;
        const long OnHandPerSku = 60;
        var tenant = await TestTenant.CreateAsync(fixture.Grains, Skus, [Wh]);
        foreach (var sku in Skus)
        {
            await tenant.ReceiveAsync(sku, Wh, OnHandPerSku);
        }

        var random = new Random(20_240_601);
        var commands = Enumerable.Range(0, Orders)
            .Select(_ => Command(900, [.. Skus.OrderBy(_ => random.Next()).Take(3).Select(sku => (sku, (long)random.Next(1, 4)))]))
            .ToArray();

        var outcomes = await Task.WhenAll(commands.Select((command, i) => tenant.Order($"o-{i}").Place(command)));
        var views = await Task.WhenAll(Enumerable.Range(0, Orders).Select(i => tenant.Order($"o-{i}").Get()));

        var reservedOrders = new List<OrderView>();
        for (var i = 0; i < Orders; i++)
        {
            if (outcomes[i].Failure is null)
            {
                Assert.Equal(OrderStatus.Reserved, views[i]?.Status);
                Assert.Equal(commands[i].Lines, views[i]!.Lines);
                reservedOrders.Add(views[i]!);
            }
            else
            {
                var failure = outcomes[i].Refused(FailureCode.InsufficientStock);
                Assert.NotEmpty(failure.ShortLines!);
                Assert.Null(views[i]);
            }
        }

        Assert.NotEmpty(reservedOrders);
        Assert.True(reservedOrders.Count < Orders, "The stock was meant to run out: the test proves nothing otherwise.");
        foreach (var sku in Skus)
        {
            var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(tenant.Stock(sku, Wh), pageSize: 200);
            var expected = reservedOrders.SelectMany(o => o.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            Assert.Equal(expected, levels.Reserved);
            Assert.InRange(levels.Reserved, 0, levels.OnHand);
            Assert.Equal(OnHandPerSku, levels.OnHand);
            var activeRefs = ActiveHoldRefs(ledger);
            Assert.True(activeRefs.IsSubsetOf(reservedOrders.Select(o => o.OrderId)), $"{sku} holds stock for an order that is not reserved.");
        }
    }

    private static HashSet<string> ActiveHoldRefs(IReadOnlyList<LedgerEntry> ledger)
    {
        var ended = ledger.Where(e => e.Type != LedgerEntryType.Hold).Select(e => e.MovementId).ToHashSet();
        return ledger.Where(e => e.Type == LedgerEntryType.Hold && !ended.Contains(e.MovementId)).Select(e => e.Ref!).ToHashSet();
    }
}
