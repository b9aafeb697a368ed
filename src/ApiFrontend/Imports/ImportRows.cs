using System.Text.Json;
using System.Text.Json.Nodes;
using Quartermaster.ApiFrontend.Catalog;
using Quartermaster.ApiFrontend.Customers;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.ApiFrontend.Stock;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.ApiFrontend.Imports;

/// <summary>
/// Turns a record of the file into the row to apply, through the single-item endpoint's own body type (read with
/// the API's JSON settings, so a wrong type is refused as it would be there) and its own rules; the path ids are
/// read from the record's fields of the same names.
/// </summary>
internal sealed class ImportRows(ImportKind kind, JsonSerializerOptions json)
{
    public (ImportRow? Row, IReadOnlyList<ImportError> Errors) Read(ImportRecord record)
    {
        if (record.Error is { } unreadable)
        {
            return (null, [unreadable]);
        }

        var fields = record.Fields!;
        var errors = new FieldErrors();
        try
        {
            var row = kind switch
            {
                ImportKind.Products => Product(record.Line, fields, errors),
                ImportKind.Warehouses => Warehouse(record.Line, fields, errors),
                ImportKind.Receipts => Receipt(record.Line, fields, errors),
                ImportKind.Adjustments => Adjustment(record.Line, fields, errors),
                ImportKind.Customers => Customer(record.Line, fields, errors),
                _ => throw new ArgumentOutOfRangeException(nameof(record), kind, "Unknown import kind."),
            };
            return errors.Any ? (null, Errors(record.Line, errors)) : (row, []);
        }
        catch (JsonException wrong)
        {
            var field = ApiExceptionHandler.FieldOf(wrong.Path);
            return (null, [new ImportError(record.Line, field, "The value is not valid for this field (wrong type, out of range or unknown value).")]);
        }
    }

    private ImportRow Product(int line, JsonObject fields, FieldErrors errors)
    {
        var body = Body<PutProductRequest>(fields);
        var sku = Id(fields, "sku", errors);
        CatalogRules.Product(errors, sku, body);
        return new ImportRow(line, Sku: sku, Name: body.Name, Unit: body.Unit);
    }

    private ImportRow Warehouse(int line, JsonObject fields, FieldErrors errors)
    {
        var body = Body<PutWarehouseRequest>(fields);
        var warehouseId = Id(fields, "warehouseId", errors);
        CatalogRules.Warehouse(errors, warehouseId, body);
        return new ImportRow(line, WarehouseId: warehouseId, Name: body.Name);
    }

    private ImportRow Receipt(int line, JsonObject fields, FieldErrors errors)
    {
        var body = Body<ReceiptRequest>(fields);
        var (sku, warehouseId) = (Id(fields, "sku", errors), Id(fields, "warehouseId", errors));
        MovementRules.Receipt(errors, sku, warehouseId, body);
        return new ImportRow(line, Sku: sku, WarehouseId: warehouseId, MovementId: body.MovementId, Quantity: body.Quantity, Reason: body.Reason);
    }

    private ImportRow Adjustment(int line, JsonObject fields, FieldErrors errors)
    {
        var body = Body<AdjustmentRequest>(fields);
        var (sku, warehouseId) = (Id(fields, "sku", errors), Id(fields, "warehouseId", errors));
        MovementRules.Adjustment(errors, sku, warehouseId, body);
        return new ImportRow(line, Sku: sku, WarehouseId: warehouseId, MovementId: body.MovementId, Quantity: body.CountedOnHand, Reason: body.Reason);
    }

    private ImportRow Customer(int line, JsonObject fields, FieldErrors errors)
    {
        var body = Body<PutCustomerRequest>(fields);
        var customerRef = Id(fields, "customerRef", errors);
        errors.Id("customerRef", customerRef);
        return new ImportRow(line, CustomerRef: customerRef, Customer: CustomerRules.Read(body, errors));
    }

    private T Body<T>(JsonObject fields) => fields.Deserialize<T>(json) ?? throw new JsonException("The line is null.", "$", null, null);

    /// <summary>
    /// A path id taken from the record: null when absent (the rules then say it is required). Its name is matched in
    /// any letter case, as the body's fields are (a spreadsheet's "SKU" column is the sku).
    /// </summary>
    private static string? Id(JsonObject fields, string name, FieldErrors errors)
    {
        var named = fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count > 1)
        {
            errors.Add(name, "Named more than once (in different letter cases).");
            return null;
        }

        if (named is not [{ Value: { } value }])
        {
            return null;
        }

        if (value is JsonValue text && text.TryGetValue<string>(out var id))
        {
            return id;
        }

        errors.Add(name, "Must be a string.");
        return null;
    }

    private static List<ImportError> Errors(int line, FieldErrors errors) =>
        [.. errors.Entries.Select(e => new ImportError(line, e.Field, e.Message))];
}
