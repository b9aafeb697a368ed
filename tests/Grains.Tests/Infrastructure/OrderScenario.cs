using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>Helpers shared by the order tests: placing orders and checking their lines' stock items.</summary>
public static class OrderScenario
{
    public const string Wh = "wh-1";

    public static PlaceOrder Command(int ttlSeconds, params (string Sku, long Quantity)[] lines) =>
        new("cust-1", lines.Select(l => new OrderLine(l.Sku, Wh, l.Quantity)).ToList(), ttlSeconds);

    /// <summary>Records compare lists by reference, so views that crossed the wire are compared field by field.</summary>
    public static void AssertSame(OrderView expected, OrderView? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.OrderId, expected.Status, expected.CustomerRef, expected.CreatedAt, expected.UpdatedAt, expected.ExpiresAt, expected.Version),
            (actual.OrderId, actual.Status, actual.CustomerRef, actual.CreatedAt, actual.UpdatedAt, actual.ExpiresAt, actual.Version));
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.History, actual.History);
    }

    /// <summary>Replays every line's ledger and returns each line's levels and the entries that refer to the order.</summary>
    public static async Task<IReadOnlyList<(StockLevels Levels, IReadOnlyList<LedgerEntry> ForOrder)>> LinesAsync(
        TestTenant tenant, string orderId, IEnumerable<string> skus)
    {
        var result = new List<(StockLevels, IReadOnlyList<LedgerEntry>)>();
        foreach (var sku in skus)
        {
            var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(tenant.Stock(sku, Wh));
            result.Add((levels, ledger.Where(e => e.Ref == orderId).ToList()));
        }

        return result;
    }
}
