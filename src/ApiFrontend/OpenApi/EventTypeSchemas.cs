using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// The shape of what a webhook endpoint's eventTypes and the events' `types` list take: an event type
/// (order.reserved), a family (order.*) or *. A shape rather than an enum of today's types, so a client built from
/// this document can ask for a type added later; the service still refuses a well-formed name it does not know.
/// </summary>
internal static class EventTypeSchemas
{
    private const string Name = @"(\*|[a-z]+\.(\*|[a-z_]+))";

    public const string ItemPattern = "^" + Name + "$";

    /// <summary>A comma-separated list of them, each entry trimmed as the service reads it.</summary>
    public const string ListPattern = @"^\s*" + Name + @"\s*(,\s*" + Name + @"\s*)*$";

    public static OpenApiSchema Item() => new() { Type = JsonSchemaType.String, Pattern = ItemPattern };
}
