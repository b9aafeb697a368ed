using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Orders;

namespace Quartermaster.ApiFrontend.Orders;

/// <summary>The checks of a place-order request, each naming its field (also used by the benchmark's baselines).</summary>
public static class OrderRequestValidation
{
    public const int MaxLines = 100;

    public static FieldErrors Validate(PlaceOrderRequest body)
    {
        var errors = new FieldErrors().Id("orderId", body.OrderId).Id("customerRef", body.CustomerRef, required: false);
        if (body.Lines is null || body.Lines.Count is 0 or > MaxLines)
        {
            return errors.Add("lines", $"Must hold 1 to {MaxLines} lines.");
        }

        for (var i = 0; i < body.Lines.Count; i++)
        {
            if (body.Lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }

            errors.Id($"lines[{i}].sku", line.Sku).Id($"lines[{i}].warehouseId", line.WarehouseId).Quantity($"lines[{i}].quantity", line.Quantity);
        }

        return errors;
    }

    public static IReadOnlyList<OrderLine> Lines(PlaceOrderRequest body) =>
        body.Lines!.Select(l => new OrderLine(l!.Sku!, l.WarehouseId!, l.Quantity!.Value)).ToList();
}
