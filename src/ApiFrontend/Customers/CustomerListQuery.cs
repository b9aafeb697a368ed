using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Customers;

/// <summary>Reads the filters of GET /customers; the cursor carries the ref to continue after.</summary>
internal static class CustomerListQuery
{
    public static readonly IReadOnlyList<string> Statuses = ["active", "blocked"];

    public static CustomerQuery Read(string? q, string? status, string? limit, string? cursor, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors, ResourceId.IsValid);

        return new CustomerQuery(SearchParameter.Read(q, errors), ParseStatus(status, errors), list.After, list.Limit);
    }

    private static CustomerStatus? ParseStatus(string? status, FieldErrors errors)
    {
        switch (status)
        {
            case null:
                return null;
            case "active":
                return CustomerStatus.Active;
            case "blocked":
                return CustomerStatus.Blocked;
            default:
                errors.Add("status", "Must be one of: " + string.Join(", ", Statuses) + ".");
                return null;
        }
    }
}
