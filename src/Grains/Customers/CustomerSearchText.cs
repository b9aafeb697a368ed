using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Search;

namespace Quartermaster.Grains.Customers;

/// <summary>GET /customers?q=: a customer whose ref or email starts with the text, or whose name has its words (<see cref="SearchText"/>).</summary>
public static class CustomerSearchText
{
    public static bool Matches(Customer customer, string text) =>
        SearchText.StartsWithIgnoringCase(customer.CustomerRef, text)
        || SearchText.StartsWithIgnoringCase(customer.Fields.Email, text)
        || SearchText.NameMatches(customer.Fields.Name, text);
}
