using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Client.Contracts;
using Quartermaster.Client.Problems;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>Webhook endpoints through the .NET client: every call of <c>client.Webhooks</c> against the test frontend.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientWebhooksTests(ApiFixture fixture)
{
    // A public address literal: the silo resolves host names, and there is no DNS here.
    private const string Url = "https://203.0.113.10/hook";

    [Fact]
    public async Task An_endpoint_is_created_read_listed_patched_rotated_retried_and_deleted()
    {
        var tenant = await fixture.NewTenantAsync("client-hooks");
        using var host = new ClientHost(fixture, tenant.Key);
        var webhooks = host.Client.Webhooks;

        var created = await webhooks.CreateAsync(new CreateWebhookEndpointRequest { Url = Url, EventTypes = ["order.*", "stock.low"], Description = "ERP" });
        Assert.StartsWith("whsec_", created.Secret);
        Assert.True(created.Enabled);
        var id = created.EndpointId;

        var read = await webhooks.GetAsync(id);
        Assert.NotNull(read.ETag);
        Assert.Equal((Url, "ERP"), (read.Value.Url, read.Value.Description));
        Assert.Equal(["order.*", "stock.low"], read.Value.EventTypes);
        Assert.Equal([id], (await webhooks.ListAsync()).Items.Select(e => e.EndpointId));
        Assert.Equal([id], await webhooks.EnumerateAsync(pageSize: 1).Select(e => e.EndpointId).ToListAsync());

        var patched = await webhooks.PatchAsync(id, new PatchWebhookEndpointRequest { Enabled = false, EventTypes = ["*"] }, ifMatch: read.ETag);
        Assert.False(patched.Value.Enabled);
        Assert.Equal("ERP", patched.Value.Description);
        Assert.NotEqual(read.ETag, patched.ETag);
        var stale = await Assert.ThrowsAsync<QuartermasterProblemException>(() =>
            webhooks.PatchAsync(id, new PatchWebhookEndpointRequest { Enabled = true }, ifMatch: read.ETag));
        Assert.Equal((412, ProblemCodes.PreconditionFailed), (stale.Status, stale.Code));

        var rotated = await webhooks.RotateSecretAsync(id);
        Assert.StartsWith("whsec_", rotated.Secret);
        Assert.NotEqual(created.Secret, rotated.Secret);

        var failed = await webhooks.ListDeliveriesAsync(id, DeliveryStatus.Failed, limit: 10);
        Assert.Empty(failed.Items);
        Assert.Null(failed.NextCursor);
        Assert.Empty(await webhooks.EnumerateDeliveriesAsync(id).ToListAsync());
        Assert.Equal(0, (await webhooks.RetryFailedAsync(id)).Count);
        var noDelivery = await Assert.ThrowsAsync<QuartermasterProblemException>(() => webhooks.RetryDeliveryAsync(id, new string('0', 32)));
        Assert.Equal((404, ProblemCodes.NotFound), (noDelivery.Status, noDelivery.Code));

        var staleDelete = await Assert.ThrowsAsync<QuartermasterProblemException>(() => webhooks.DeleteAsync(id, ifMatch: read.ETag));
        Assert.Equal((412, ProblemCodes.PreconditionFailed), (staleDelete.Status, staleDelete.Code));
        await webhooks.DeleteAsync(id, ifMatch: (await webhooks.GetAsync(id)).ETag);
        var gone = await Assert.ThrowsAsync<QuartermasterProblemException>(() => webhooks.GetAsync(id));
        Assert.Equal((404, ProblemCodes.NotFound), (gone.Status, gone.Code));
        Assert.Empty((await webhooks.ListAsync()).Items);
    }

    [Fact]
    public async Task A_private_address_is_a_validation_problem_naming_url()
    {
        var tenant = await fixture.NewTenantAsync("client-hooks-url");
        using var host = new ClientHost(fixture, tenant.Key);

        var refused = await Assert.ThrowsAsync<QuartermasterProblemException>(() =>
            host.Client.Webhooks.CreateAsync(new CreateWebhookEndpointRequest { Url = "https://10.0.0.1/x", EventTypes = ["*"] }));
        Assert.Equal((400, ProblemCodes.ValidationFailed), (refused.Status, refused.Code));
        Assert.Contains("url", refused.Errors.Keys);
        Assert.Empty((await host.Client.Webhooks.ListAsync()).Items);
    }
}
