using Npgsql;
using Orleans.Storage;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Persistence.Storage.Webhooks;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>The PostgreSQL delivery store: fenced saves, the cursor, and the lists the API and the engine read.</summary>
public sealed class WebhookDeliveryStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Saves_are_fenced_on_the_version_a_stale_save_writes_nothing_and_rows_are_upserted()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var store = new PostgresWebhookDeliveryStore(source);
        var tenant = "wh-" + Guid.NewGuid().ToString("N")[..8];

        Assert.Equal(new(null, 0), await store.LoadCursorAsync(tenant, "we_1", CancellationToken.None));
        var first = await store.SaveAsync(tenant, "we_1", 0, Id(1), [Delivery(1, DeliveryStatus.Succeeded, 1)], CancellationToken.None);
        Assert.Equal(1, first);
        var second = await store.SaveAsync(tenant, "we_1", first, Id(2), [Delivery(2, DeliveryStatus.Pending, 1, next: At.AddSeconds(20))], CancellationToken.None);

        // A second activation that loaded version 1 (or never saw a cursor) is refused and writes nothing.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.SaveAsync(tenant, "we_1", first, Id(9), [Delivery(9, DeliveryStatus.Succeeded, 1)], CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            store.SaveAsync(tenant, "we_1", 0, Id(9), [Delivery(9, DeliveryStatus.Succeeded, 1)], CancellationToken.None));
        Assert.Null(await store.GetAsync(tenant, "we_1", Id(9), CancellationToken.None));
        Assert.Equal(new(Id(2), second), await store.LoadCursorAsync(tenant, "we_1", CancellationToken.None));

        // An update of a row, with the cursor left where it is.
        var third = await store.SaveAsync(tenant, "we_1", second, null,
            [Delivery(2, DeliveryStatus.Failed, 7) with { LastStatusCode = 503, LastError = "HTTP 503" }], CancellationToken.None);
        Assert.Equal(new(Id(2), third), await store.LoadCursorAsync(tenant, "we_1", CancellationToken.None));
        var updated = await store.GetAsync(tenant, "we_1", Id(2), CancellationToken.None);
        Assert.Equal((DeliveryStatus.Failed, 7, 503, "HTTP 503"), (updated!.Status, updated.Attempts, updated.LastStatusCode, updated.LastError));
        Assert.Equal(At, updated.CreatedAt);
    }

    [Fact]
    public async Task Lists_pending_retry_failed_and_delete_see_only_their_endpoint()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var store = new PostgresWebhookDeliveryStore(source);
        var tenant = "wh-" + Guid.NewGuid().ToString("N")[..8];
        await store.SaveAsync(tenant, "we_a", 0, Id(5),
        [
            Delivery(1, DeliveryStatus.Succeeded, 1), Delivery(2, DeliveryStatus.Failed, 30), Delivery(3, DeliveryStatus.Pending, 2, next: At.AddMinutes(5)),
            Delivery(4, DeliveryStatus.Pending, 1, next: At.AddSeconds(20)), Delivery(5, DeliveryStatus.Failed, 31),
        ], CancellationToken.None);
        await store.SaveAsync(tenant, "we_b", 0, Id(1), [Delivery(1, DeliveryStatus.Failed, 30)], CancellationToken.None);

        var page = await store.ListAsync(tenant, "we_a", null, null, 2, CancellationToken.None);
        Assert.Equal([Id(1), Id(2)], page.Items.Select(d => d.DeliveryId));
        Assert.Equal(Id(2), page.NextAfter);
        var rest = await store.ListAsync(tenant, "we_a", null, page.NextAfter, 10, CancellationToken.None);
        Assert.Equal([Id(3), Id(4), Id(5)], rest.Items.Select(d => d.DeliveryId));
        Assert.Null(rest.NextAfter);
        Assert.Equal([Id(2), Id(5)], (await store.ListAsync(tenant, "we_a", DeliveryStatus.Failed, null, 10, CancellationToken.None)).Items.Select(d => d.DeliveryId));
        Assert.Equal([Id(4), Id(3)], (await store.PendingAsync(tenant, "we_a", 10, CancellationToken.None)).Select(d => d.DeliveryId));

        Assert.Equal(2, await store.RetryFailedAsync(tenant, "we_a", At.AddHours(80), CancellationToken.None));
        Assert.Empty((await store.ListAsync(tenant, "we_a", DeliveryStatus.Failed, null, 10, CancellationToken.None)).Items);
        Assert.Single((await store.ListAsync(tenant, "we_b", DeliveryStatus.Failed, null, 10, CancellationToken.None)).Items);

        await store.DeleteAsync(tenant, "we_a", CancellationToken.None);
        Assert.Empty((await store.ListAsync(tenant, "we_a", null, null, 10, CancellationToken.None)).Items);
        Assert.Equal(new(null, 0), await store.LoadCursorAsync(tenant, "we_a", CancellationToken.None));
        Assert.Single((await store.ListAsync(tenant, "we_b", null, null, 10, CancellationToken.None)).Items);
    }

    private static string Id(int n) => n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static WebhookDelivery Delivery(int n, DeliveryStatus status, int attempts, DateTimeOffset? next = null) =>
        new(Id(n), "stock.changed", status, attempts, At, At.AddSeconds(attempts), next, status == DeliveryStatus.Succeeded ? 200 : 500,
            status == DeliveryStatus.Succeeded ? null : "HTTP 500");
}
