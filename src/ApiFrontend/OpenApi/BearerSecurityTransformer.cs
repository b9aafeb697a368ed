using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quartermaster.ApiFrontend.OpenApi;

/// <summary>
/// Describes the API and its bearer-key authentication. The requirement is set on each /api operation, not
/// on the document, so the operations endpoints (probes, health, metrics) are shown needing no key.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    private const string SchemeName = "ApiKey";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Admin"] = "Tenants and their API keys (admin key).",
        ["Settings"] = "The tenant's settings.",
        ["Catalog"] = "Warehouses and products.",
        ["Stock"] = "Stock levels, receipts, adjustments, transfers and the ledger.",
        ["Holds"] = "Short reservations of stock, like a checkout hold.",
        ["Orders"] = "Orders: reserve all lines or none, confirm, ship, cancel.",
        ["Customers"] = "Customers: records with ETags, search, GDPR erasure; a blocked one places no new orders.",
        ["Imports"] = "Bulk loads: a CSV or NDJSON file of rows, each applied with its single-item endpoint's rules.",
        ["Events"] = "What changed, in commit order: the event log and its Server-Sent Events stream.",
        ["Webhooks"] = "Endpoints that receive events as signed POSTs, and their deliveries.",
        ["Operations"] = "Probes, health and metrics (no key).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Quartermaster API";
        document.Info.Description =
            "Multi-tenant inventory and orders. Send `Authorization: Bearer <key>`: a tenant key for tenant routes, the admin key for /api/v1/admin. " +
            "Errors are RFC 9457 problems with a machine-readable `code`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A tenant API key, or the admin key for /api/v1/admin.",
        };
        document.Security = null;
        foreach (var tag in document.Tags?.AsEnumerable() ?? [])
        {
            tag.Description ??= tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description) ? description : null;
        }

        foreach (var (path, item) in document.Paths ?? [])
        {
            // An empty requirement is the document's way of saying "no key needed".
            var requirement = path.StartsWith("/api/", StringComparison.Ordinal)
                ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }
                : new OpenApiSecurityRequirement();
            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                operation.Security = [requirement];
            }
        }

        return Task.CompletedTask;
    }
}
