using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Webhooks;

namespace Quartermaster.ApiFrontend.Webhooks;

/// <summary>The `status` filter of a delivery list.</summary>
internal static class DeliveryQuery
{
    public static readonly IReadOnlyList<string> Statuses = Enum.GetNames<DeliveryStatus>().Select(n => n.ToLowerInvariant()).ToList();

    public static DeliveryStatus? Status(string? status, FieldErrors errors)
    {
        if (status is null)
        {
            return null;
        }

        var match = Enum.GetValues<DeliveryStatus>().Where(s => s.ToString().ToLowerInvariant() == status).Cast<DeliveryStatus?>().FirstOrDefault();
        if (match is null)
        {
            errors.Add("status", "Must be one of: " + string.Join(", ", Statuses) + ".");
        }

        return match;
    }
}
