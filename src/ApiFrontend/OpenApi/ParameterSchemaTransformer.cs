using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Quartermaster.ApiFrontend.Customers;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Imports;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.ApiFrontend.Webhooks;
using Quartermaster.Contracts.Schema;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Path and query parameters bind as strings, so a bad value is answered with a 400 naming it; the document
/// still types them as the contract does. Every path parameter is a resource id, but for an eventId or a
/// deliveryId, which the service mints; query parameters mean the same thing wherever they appear, so they
/// are typed by name.
/// </summary>
internal sealed class ParameterSchemaTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Path)
            {
                parameter.Schema = parameter.Name is "eventId" or "deliveryId"
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Pattern = EventIdFormatAttribute.Pattern }
                    : IdSchemas.New();
            }
            else if (parameter.In == ParameterLocation.Query
                     && ((IsStockSummaryPath(context) ? StockSummaryQuerySchema(parameter.Name) : null)
                         ?? (IsEventsPath(context) ? EventQuerySchema(parameter.Name) : null)
                         ?? (IsWebhooksPath(context) ? WebhookQuerySchema(parameter.Name) : null)
                         ?? (IsCustomersPath(context) ? CustomerQuerySchema(parameter.Name) : null)
                         ?? QuerySchema(parameter.Name)) is var (query, description))
            {
                parameter.Schema = query;
                parameter.Description ??= description;
                // Bound as a nullable string so that leaving it out is our 400 naming it, yet it is required.
                parameter.Required |= parameter.Name == "kind";
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsStockSummaryPath(OpenApiOperationTransformerContext context) =>
        context.Description.RelativePath == "api/v1/stock/{sku}";

    /// <summary>A product's stock summary is one page of warehouses: every one of them unless a limit is asked for.</summary>
    private static (OpenApiSchema Schema, string Description)? StockSummaryQuerySchema(string? name) => name switch
    {
        "limit" => (new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = $"{ListParameters.MaxLimit}",
        }, "Warehouses per page. Left out, the page holds every warehouse of the tenant (up to its warehouse cap) and the "
           + "totals are the product's; with it, the totals are those of the page's warehouses."),
        _ => null,
    };

    private static bool IsEventsPath(OpenApiOperationTransformerContext context) =>
        context.Description.RelativePath?.StartsWith("api/v1/events", StringComparison.Ordinal) == true;

    private static bool IsWebhooksPath(OpenApiOperationTransformerContext context) =>
        context.Description.RelativePath?.StartsWith("api/v1/webhook-endpoints", StringComparison.Ordinal) == true;

    private static bool IsCustomersPath(OpenApiOperationTransformerContext context) =>
        context.Description.RelativePath?.StartsWith("api/v1/customers", StringComparison.Ordinal) == true;

    /// <summary>On the customer list `status` is a customer's, and `q` its search.</summary>
    private static (OpenApiSchema Schema, string Description)? CustomerQuerySchema(string? name) => name switch
    {
        "status" => (new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = CustomerListQuery.Statuses.Select(n => (JsonNode)JsonValue.Create(n)).ToList(),
        }, "Only customers in this status."),
        "q" => (SearchSchema(),
            "Customers whose ref or email starts with this, or whose name has a word starting with each of its words; case is ignored."),
        _ => null,
    };

    /// <summary>On the webhook endpoints `status` is a delivery's.</summary>
    private static (OpenApiSchema Schema, string Description)? WebhookQuerySchema(string? name) => name switch
    {
        "status" => (new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = DeliveryQuery.Statuses.Select(n => (JsonNode)JsonValue.Create(n)).ToList(),
        }, "Only deliveries in this status."),
        _ => null,
    };

    /// <summary>On the event endpoints `after` is an event id, not a ledger sequence number.</summary>
    private static (OpenApiSchema Schema, string Description)? EventQuerySchema(string? name) => name switch
    {
        "after" => (new OpenApiSchema { Type = JsonSchemaType.String, Pattern = EventIdFormatAttribute.Pattern }, "Events after this eventId, oldest first."),
        "types" => (new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, Pattern = EventTypeSchemas.ListPattern },
            "Only these event types, as a comma-separated list: " + string.Join(", ", EventTypes.Known) + "; a family such as order.* selects every type it starts, and * every type."),
        _ => null,
    };

    private static (OpenApiSchema Schema, string Description)? QuerySchema(string? name) => name switch
    {
        "limit" => (new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = $"{ListParameters.MaxLimit}",
            Default = JsonValue.Create(ListParameters.DefaultLimit),
        }, "Page size."),
        "cursor" => (new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 }, "The `nextCursor` of the previous page. It continues that page's list, filters included: send it alone, or with "
            + "exactly the filters that list had; other filters are a 400 naming `cursor`. Any `limit` may go with it."),
        "after" => (new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" }, "Entries after this ledger sequence number."),
        "status" => (new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = Enum.GetNames<OrderStatus>().Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(n))).ToList(),
        }, "Only orders in this status."),
        "createdFrom" => (new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }, "Only orders created at or after this time."),
        "createdTo" => (new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }, "Only orders created before this time."),
        "customerRef" => (IdSchemas.New(), "Only orders of this customer."),
        "kind" => (new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = ImportsApi.Kinds.Select(n => (JsonNode)JsonValue.Create(n)).ToList(),
        }, "What each row of the file is: the body (and path ids) of one single-item call."),
        "q" => (SearchSchema(), "Only those whose id starts with this, or whose name has a word starting with each of its words; case is ignored."),
        "low" => (new OpenApiSchema { Type = JsonSchemaType.Boolean }, "Only items whose available is at or below their threshold."),
        "warehouseId" => (IdSchemas.New(), "Only items in this warehouse."),
        "sku" => (IdSchemas.Prefix(), "Only items whose sku starts with this."),
        _ => null,
    };

    private static OpenApiSchema SearchSchema() => new() { Type = JsonSchemaType.String, MinLength = 1, MaxLength = SearchParameter.MaxLength };
}
