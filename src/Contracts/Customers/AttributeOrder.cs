namespace Quartermaster.Contracts.Customers;

/// <summary>
/// A customer's attributes as the API writes them: by key, ordinal. PostgreSQL's jsonb keeps its own key order
/// (shorter keys first), so a customer answered in the order its PUT was sent came back reordered, same ETag,
/// once read from the database, and its customer.updated events never matched its GET.
/// </summary>
public static class AttributeOrder
{
    public static IReadOnlyDictionary<string, string> ByKey(IReadOnlyDictionary<string, string> attributes)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            sorted.Add(key, value);
        }

        return sorted;
    }
}
