using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.ApiFrontend.Webhooks;

/// <summary>
/// The checks of an endpoint's fields that need no network. Whether a URL's host may be called (https, a
/// public address) is checked by the silo that would call it, which also names `url`.
/// </summary>
internal static class WebhookRequestRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxEventTypes = 50;
    public const int MaxDescriptionLength = 500;

    public static void Url(FieldErrors errors, string? url, bool required)
    {
        if (url is null)
        {
            if (required)
            {
                errors.Add("url", "Required.");
            }

            return;
        }

        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            errors.Add("url", $"Must be an absolute https URL of at most {MaxUrlLength} characters.");
        }
        else if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            // Uri would quietly trim or escape them, so the URL stored and shown would not be the one called.
            errors.Add("url", "Must not contain spaces or control characters; percent-encode them.");
        }
    }

    public static void EventTypes(FieldErrors errors, IReadOnlyList<string?>? types, bool required)
    {
        if (types is null)
        {
            if (required)
            {
                errors.Add("eventTypes", "Required: a list of event types, families such as order.* or [\"*\"].");
            }

            return;
        }

        if (types.Count is 0 or > MaxEventTypes)
        {
            errors.Add("eventTypes", $"Give 1 to {MaxEventTypes} event types.");
            return;
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!EventTypePatterns.IsValid(types[i]))
            {
                errors.Add($"eventTypes[{i}]", $"Not an event type, family (order.*) or *. Known types: {string.Join(", ", Grains.Abstractions.Events.EventTypes.Known)}.");
            }
        }
    }

    public static IReadOnlyList<string> Distinct(IReadOnlyList<string?> types) => types.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
