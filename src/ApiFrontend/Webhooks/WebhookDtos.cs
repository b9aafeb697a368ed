using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using Quartermaster.ApiFrontend.OpenApi;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.ApiFrontend.Webhooks;

public sealed record CreateWebhookEndpointRequest(
    [property: Required, StringLength(WebhookRequestRules.MaxUrlLength, MinimumLength = 1),
        Description("Where events are posted: an https URL that resolves to a public address (or a host the operator allows).")] string? Url,
    [property: Required, MinLength(1), MaxLength(WebhookRequestRules.MaxEventTypes), EventTypeList,
        Description("Event types to deliver: exact types (stock.low), families (order.*) or everything (*).")] IReadOnlyList<string?>? EventTypes,
    [property: StringLength(WebhookRequestRules.MaxDescriptionLength, MinimumLength = 1)] string? Description = null,
    [property: Description("Deliver events to it (default true).")] bool? Enabled = null)
{
    public void Validate(FieldErrors errors)
    {
        WebhookRequestRules.Url(errors, Url, required: true);
        WebhookRequestRules.EventTypes(errors, EventTypes, required: true);
        errors.Text("description", Description, WebhookRequestRules.MaxDescriptionLength, required: false);
    }

    public NewWebhookEndpoint ToNew() => new(Url!, WebhookRequestRules.Distinct(EventTypes!), Description, Enabled ?? true);
}

/// <summary>Every field optional: what is sent replaces the current value, what is left out stays; a description sent as null is cleared.</summary>
public sealed record PatchWebhookEndpointRequest(
    [property: StringLength(WebhookRequestRules.MaxUrlLength, MinimumLength = 1)] string? Url = null,
    [property: MinLength(1), MaxLength(WebhookRequestRules.MaxEventTypes), EventTypeList] IReadOnlyList<string?>? EventTypes = null,
    bool? Enabled = null)
{
    private readonly string? _description;
    private readonly bool _descriptionSent;

    // A property, not a constructor parameter: the serializer calls its setter only when the body names it, so
    // "description": null (clear it) can be told from no description at all (keep it).
    [StringLength(WebhookRequestRules.MaxDescriptionLength, MinimumLength = 1)]
    public string? Description
    {
        get => _description;
        init
        {
            _description = value;
            _descriptionSent = true;
        }
    }

    public void Validate(FieldErrors errors)
    {
        WebhookRequestRules.Url(errors, Url, required: false);
        WebhookRequestRules.EventTypes(errors, EventTypes, required: false);
        errors.Text("description", Description, WebhookRequestRules.MaxDescriptionLength, required: false);
    }

    public WebhookEndpointChange ToChange() =>
        new(Url, EventTypes is null ? null : WebhookRequestRules.Distinct(EventTypes), Enabled, Description,
            ClearDescription: _descriptionSent && Description is null);
}

public sealed record WebhookEndpointDto([property: ResourceId] string EndpointId, string Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description, DateTimeOffset CreatedAt)
{
    public static WebhookEndpointDto From(WebhookEndpointView e) => new(e.EndpointId, e.Url, e.EventTypes, e.Enabled, e.Description, e.CreatedAt);
}

/// <summary>A new endpoint with its signing secret, shown only in this response.</summary>
public sealed record CreatedWebhookEndpointDto(
    [property: ResourceId] string EndpointId, string Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description, DateTimeOffset CreatedAt,
    [property: Description("Signs every delivery (Quartermaster-Signature); shown only here (and in a retry with the same Idempotency-Key).")] string Secret)
{
    public static CreatedWebhookEndpointDto From(CreatedWebhookEndpoint created)
    {
        var e = created.Endpoint;
        return new(e.EndpointId, e.Url, e.EventTypes, e.Enabled, e.Description, e.CreatedAt, created.Secret);
    }
}

public sealed record WebhookSecretDto([property: Description("The new signing secret, shown only here (and in a retry with the same Idempotency-Key); the previous one keeps signing beside it for 24 hours.")] string Secret);

public sealed record WebhookDeliveryDto(
    [property: EventIdFormat] string DeliveryId, [property: EventIdFormat] string EventId, string EventType, DeliveryStatus Status, [property: AtLeast(0)] int Attempts,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, [property: Range(0, 999), Description("The status the receiver answered, as it sent it (three digits).")] int? LastStatusCode, string? LastError)
{
    public static WebhookDeliveryDto From(WebhookDelivery d) =>
        new(d.DeliveryId, d.EventId, d.EventType, d.Status, d.Attempts, d.LastAttemptAt, d.NextAttemptAt, d.LastStatusCode, d.LastError);
}

public sealed record RetryFailedDto([property: Description("How many failed deliveries are pending again."), AtLeast(0)] int Count);
