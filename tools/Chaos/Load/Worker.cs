namespace Quartermaster.Chaos.Load;

/// <summary>
/// One client of one tenant, in a loop until stopped: stock reads, receipts, holds (a third released again),
/// orders of one or two lines (half confirmed) and order reads, each POST with an Idempotency-Key and a
/// client-chosen id. What the service acknowledges goes into <see cref="Acknowledged"/>.
/// </summary>
internal sealed class Worker(ChaosTenant tenant, RetryingClient client, int number, Acknowledged acknowledged)
{
    private static readonly TimeSpan ThinkTime = TimeSpan.FromMilliseconds(100);
    private readonly Random _random = new(number);
    private readonly List<string> _orders = [];
    private int _frontend = number % 2;
    private int _n;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            _n++;
            _frontend = (_frontend + 1) % client.FrontendCount;
            var roll = _random.NextDouble();
            var work = roll switch
            {
                < 0.30 => ReadStockAsync(),
                < 0.45 => ReceiveAsync(),
                < 0.70 => HoldAsync(),
                < 0.90 => OrderAsync(),
                _ => ReadOrderAsync(),
            };
            await work;
            try
            {
                await Task.Delay(ThinkTime, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private string Id(string kind) => $"{kind}-{number}-{_n}";

    private string AnySku() => tenant.Skus[_random.Next(tenant.Skus.Count)];

    private Task ReadStockAsync() =>
        client.SendAsync(ApiRequest.Get($"/api/v1/stock/{AnySku()}/{ChaosTenant.Warehouse}", "GET /stock/{sku}/{warehouseId}"), _frontend);

    private async Task ReceiveAsync()
    {
        var (sku, movementId, quantity) = (AnySku(), Id("r"), (long)_random.Next(1, 6));
        var answer = await client.SendAsync(ApiRequest.Post($"/api/v1/stock/{sku}/{ChaosTenant.Warehouse}/receipts",
            "POST /stock/{sku}/{warehouseId}/receipts", new { movementId, quantity }, "key-" + movementId), _frontend);
        if (answer is { Ok: true })
        {
            acknowledged.Receipts.Enqueue(new AckedReceipt(tenant.TenantId, sku, movementId, quantity));
        }
    }

    private async Task HoldAsync()
    {
        var (sku, holdId, quantity) = (AnySku(), Id("h"), (long)_random.Next(1, 4));
        var answer = await client.SendAsync(ApiRequest.Post($"/api/v1/stock/{sku}/{ChaosTenant.Warehouse}/holds",
            "POST /stock/{sku}/{warehouseId}/holds", new { holdId, quantity, ttlSeconds = 3600 }, "key-" + holdId), _frontend);
        if (answer is not { Ok: true })
        {
            return;
        }

        var hold = new AckedHold(tenant.TenantId, sku, holdId, quantity);
        acknowledged.Holds.Enqueue(hold);
        if (_random.Next(3) == 0)
        {
            var released = await client.SendAsync(ApiRequest.Delete($"/api/v1/stock/{sku}/{ChaosTenant.Warehouse}/holds/{holdId}",
                "DELETE /stock/{sku}/{warehouseId}/holds/{holdId}"), _frontend);
            hold.Released = released is { Ok: true };
        }
    }

    private async Task OrderAsync()
    {
        var orderId = Id("o");
        var lines = tenant.Skus.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3))
            .Select(sku => new OrderLine(sku, ChaosTenant.Warehouse, _random.Next(1, 4))).ToList();
        var body = new { orderId, lines = lines.Select(l => new { sku = l.Sku, warehouseId = l.WarehouseId, quantity = l.Quantity }) };
        var answer = await client.SendAsync(ApiRequest.Post("/api/v1/orders", "POST /orders", body, "key-" + orderId), _frontend);
        if (answer is not { Ok: true })
        {
            return;
        }

        var order = new AckedOrder(tenant.TenantId, orderId, lines);
        acknowledged.Orders.Enqueue(order);
        _orders.Add(orderId);
        if (_random.Next(2) == 0)
        {
            var confirmed = await client.SendAsync(ApiRequest.Post($"/api/v1/orders/{orderId}/confirm", "POST /orders/{orderId}/confirm",
                null, $"key-{orderId}-confirm"), _frontend);
            order.Confirmed = confirmed is { Ok: true };
        }
    }

    private Task ReadOrderAsync() => _orders.Count == 0
        ? ReadStockAsync()
        : client.SendAsync(ApiRequest.Get($"/api/v1/orders/{_orders[_random.Next(_orders.Count)]}", "GET /orders/{orderId}"), _frontend);
}
