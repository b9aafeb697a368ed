using System.Security.Cryptography;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// A tenant's webhook endpoints. Each change is saved here first and then told to the endpoint's delivery
/// engine (<see cref="IWebhookDeliveryGrain"/>), which asks for it again whenever it activates.
/// </summary>
public sealed class WebhookEndpointsGrain(
    [PersistentState(StateNames.WebhookEndpoints, StorageNames.Business)] IPersistentState<WebhookEndpointsState> state,
    WebhookUrlPolicy urlPolicy,
    WebhookSecretProtector protector,
    IEventLog log,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock)
    : Grain, IWebhookEndpointsGrain
{
    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    /// <summary>
    /// How many rotated-out secrets sign beside the current one at most. Each rotation gives the secret it replaces
    /// its 24 hours; rotating more often than this in a day retires the oldest of them early, so a delivery's
    /// signature header stays bounded however often a tenant rotates.
    /// </summary>
    public const int MaxRetiringSecrets = 4;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<Outcome<CreatedWebhookEndpoint>> Create(NewWebhookEndpoint endpoint)
    {
        if (state.State.Endpoints.Count >= IWebhookEndpointsGrain.MaxEndpoints)
        {
            return Failure.LimitReached($"A tenant may have at most {IWebhookEndpointsGrain.MaxEndpoints} webhook endpoints.");
        }

        if (await urlPolicy.CheckAsync(endpoint.Url, CancellationToken.None) is { } refused)
        {
            return Failure.Invalid("url", refused);
        }

        var secret = WebhookSecrets.New();
        var record = new WebhookEndpointRecord
        {
            EndpointId = "we_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Url = endpoint.Url,
            EventTypes = [.. endpoint.EventTypes],
            Enabled = endpoint.Enabled,
            Description = endpoint.Description,
            CreatedAt = clock.GetUtcNow(),
            Version = 1,
            Secrets = [new SigningSecret(protector.Protect(secret), RetiresAt: null)],
            StartAfter = endpoint.Enabled ? await log.LastIdAsync(TenantId, CancellationToken.None) : null,
        };
        state.State.Endpoints[record.EndpointId] = record;
        await SaveAndTellAsync(record);
        return Outcome<CreatedWebhookEndpoint>.Ok(new CreatedWebhookEndpoint(record.View(), secret));
    }

    public Task<IReadOnlyList<WebhookEndpointView>> List() =>
        Task.FromResult<IReadOnlyList<WebhookEndpointView>>(state.State.Endpoints.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.EndpointId, StringComparer.Ordinal)
            .Select(e => e.View()).ToList());

    public Task<WebhookEndpointView?> Get(string endpointId) => Task.FromResult(Find(endpointId)?.View());

    public async Task<Outcome<WebhookEndpointView>> Update(string endpointId, WebhookEndpointChange change, VersionMatch? expectedVersion)
    {
        if (Find(endpointId) is not { } record)
        {
            return NotFound(endpointId);
        }

        if (IfMatch.Check(record.Version, expectedVersion, $"Webhook endpoint '{endpointId}'") is { } stale)
        {
            return stale;
        }

        if (change.Url is { } url && url != record.Url && await urlPolicy.CheckAsync(url, CancellationToken.None) is { } refused)
        {
            return Failure.Invalid("url", refused);
        }

        var description = change.ClearDescription ? null : change.Description ?? record.Description;
        var changed = (change.Url is not null && change.Url != record.Url)
            || (change.EventTypes is not null && !change.EventTypes.SequenceEqual(record.EventTypes))
            || (change.Enabled is not null && change.Enabled != record.Enabled)
            || description != record.Description;
        if (changed)
        {
            if (change.Enabled is true && !record.Enabled)
            {
                // Events that happen while an endpoint is disabled are not delivered to it.
                record.StartAfter = await log.LastIdAsync(TenantId, CancellationToken.None);
            }

            record.Url = change.Url ?? record.Url;
            record.EventTypes = change.EventTypes is null ? record.EventTypes : [.. change.EventTypes];
            record.Enabled = change.Enabled ?? record.Enabled;
            record.Description = description;
            record.Version++;
            await SaveAndTellAsync(record);
        }

        return record.View();
    }

    public async Task<Outcome<bool>> Delete(string endpointId, VersionMatch expectedVersion)
    {
        if (Find(endpointId) is not { } record)
        {
            return NotFound(endpointId);
        }

        if (IfMatch.Check(record.Version, expectedVersion, $"Webhook endpoint '{endpointId}'") is { } stale)
        {
            return stale;
        }

        return await Delete(endpointId);
    }

    public async Task<bool> Delete(string endpointId)
    {
        if (!state.State.Endpoints.Remove(endpointId))
        {
            return false;
        }

        await state.WriteOrDropAsync(this);
        await Engine(endpointId).Configure(null);
        return true;
    }

    public async Task<Outcome<string>> RotateSecret(string endpointId)
    {
        if (Find(endpointId) is not { } record)
        {
            return NotFound(endpointId);
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.New();
        record.Secrets =
        [
            .. record.Secrets
                // One this silo cannot read (another Webhooks:SecretKey wrote it) could never sign again: rotating drops it.
                .Where(s => (s.RetiresAt is not { } retires || retires > now) && protector.TryUnprotect(s.Protected) is not null)
                .Select(s => s.RetiresAt is null ? s with { RetiresAt = now + RotationOverlap } : s)
                .TakeLast(MaxRetiringSecrets), // kept in the order they were made: the newest last
            new SigningSecret(protector.Protect(secret), RetiresAt: null),
        ];
        await SaveAndTellAsync(record);
        return secret;
    }

    public Task<DeliveryTarget?> Target(string endpointId) => Task.FromResult(Find(endpointId)?.Target());

    private WebhookEndpointRecord? Find(string endpointId) => state.State.Endpoints.GetValueOrDefault(endpointId);

    private static Failure NotFound(string endpointId) => Failure.NotFound($"Webhook endpoint '{endpointId}' does not exist.");

    private async Task SaveAndTellAsync(WebhookEndpointRecord record)
    {
        await state.WriteOrDropAsync(this);
        await Engine(record.EndpointId).Configure(record.Target());
    }

    private IWebhookDeliveryGrain Engine(string endpointId) =>
        GrainFactory.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(TenantId, endpointId));
}
