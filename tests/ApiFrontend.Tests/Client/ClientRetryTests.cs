using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Contracts;
using Quartermaster.Client.Problems;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>The client's retries: one Idempotency-Key per logical call, reused by every attempt; Retry-After honoured.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientRetryTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_receipt_whose_answer_was_lost_is_retried_with_the_same_key_and_applied_once()
    {
        var tenant = await SeededTenantAsync("client-lost");
        var recorder = new AttemptRecorder(AttemptRecorder.Failure.ConnectionLostAfterServing, failures: 1, TimeProvider.System);
        using var host = new ClientHost(fixture, tenant.Key, () => recorder);

        var after = await host.Client.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "r-lost", Quantity = 4 });

        var attempts = recorder.Attempts.ToList();
        Assert.Equal(2, attempts.Count);
        Assert.NotNull(attempts[0].IdempotencyKey);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.Equal(4, after.OnHand);
        var ledger = await host.Client.Stock.EnumerateMovementsAsync("widget", "main").ToListAsync();
        Assert.Single(ledger);
    }

    [Fact]
    public async Task A_503_is_retried_after_its_Retry_After_with_the_same_key()
    {
        var tenant = await SeededTenantAsync("client-503");
        using (var seed = new ClientHost(fixture, tenant.Key))
        {
            await seed.Client.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "r1", Quantity = 1 });
        }

        var recorder = new AttemptRecorder(AttemptRecorder.Failure.UnavailableBeforeServing, failures: 1, TimeProvider.System);
        using var host = new ClientHost(fixture, tenant.Key, () => recorder);

        var hold = await host.Client.Holds.PlaceAsync("widget", "main", new PlaceHoldRequest { HoldId = "h1", Quantity = 1 });

        var attempts = recorder.Attempts.ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.95), $"waited {attempts[1].At - attempts[0].At}, Retry-After said 1 s");
        Assert.Equal("h1", hold.HoldId);
    }

    [Fact]
    public async Task Two_logical_calls_send_two_different_keys()
    {
        var tenant = await SeededTenantAsync("client-keys");
        var recorder = new AttemptRecorder(AttemptRecorder.Failure.UnavailableBeforeServing, failures: 0, TimeProvider.System);
        using var host = new ClientHost(fixture, tenant.Key, () => recorder);

        await host.Client.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "a", Quantity = 1 });
        await host.Client.Stock.ReceiveAsync("widget", "main", new ReceiptRequest { MovementId = "b", Quantity = 1 });

        var keys = recorder.Attempts.Select(a => a.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
    }

    [Fact]
    public async Task The_service_rate_limit_is_waited_out_through_its_Retry_After()
    {
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("client-429"), new { rateLimitPerSecond = 1, rateLimitBurst = 1 });
        var recorder = new AttemptRecorder(AttemptRecorder.Failure.UnavailableBeforeServing, failures: 0, TimeProvider.System);
        using var host = new ClientHost(fixture, tenant.Key, () => recorder, maxRetries: 5);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, (await host.Client.Settings.GetAsync()).Value.RateLimitPerSecond);
        }

        Assert.True(recorder.Attempts.Count > 3, "some calls were limited (429) and retried");
        using var impatient = new ClientHost(fixture, tenant.Key, maxRetries: 0);
        var limited = await Assert.ThrowsAsync<QuartermasterProblemException>(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await impatient.Client.Settings.GetAsync();
            }
        });
        Assert.Equal((429, ProblemCodes.RateLimited), (limited.Status, limited.Code));
        Assert.NotNull(limited.RetryAfter);
    }

    private async Task<TestTenant> SeededTenantAsync(string prefix)
    {
        var tenant = await fixture.NewTenantAsync(prefix);
        using var host = new ClientHost(fixture, tenant.Key);
        await host.Client.Catalog.PutWarehouseAsync("main", new PutWarehouseRequest { Name = "Main" });
        await host.Client.Catalog.PutProductAsync("widget", new PutProductRequest { Name = "Widget" });
        return tenant;
    }
}
