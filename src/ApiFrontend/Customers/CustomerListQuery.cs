using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Validation;
using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.ApiFrontend.Customers;

/// <summary>Reads the filters of GET /customers; the cursor carries them and the ref to continue after.</summary>
internal static class CustomerListQuery
{
    public static readonly IReadOnlyList<string> Statuses = ["active", "blocked"];

    public static (CustomerQuery Query, ListParameters List) Read(string? q, string? status, string? limit, string? cursor, FieldErrors errors)
    {
        var list = ListParameters.Read(limit, cursor, errors, ResourceId.IsValid,
            new ListFilters().Add("q", q, SearchParameter.Normalise).Add("status", status));
        var (filters, filterErrors) = (list.Filters, list.FilterErrors(errors));
        var query = new CustomerQuery(SearchParameter.Read(filters["q"], filterErrors), ParseStatus(filters["status"], filterErrors), list.After, list.Limit);
        return (query, list);
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
