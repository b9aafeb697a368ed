namespace Quartermaster.Grains.Abstractions.Identifiers;

/// <summary>
/// The one rule for every client-chosen identifier: 1-64 characters of [A-Za-z0-9._-], except "." and ".."
/// alone. Those two are a URL's dot segments, which clients and servers remove from a path (RFC 3986, 5.2.4), so
/// a resource named by one could be created in a body but never addressed again.
/// </summary>
public static class ResourceId
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-', and not '.' or '..' alone";

    public const string PrefixRule = "1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";

    /// <summary>
    /// A plain character loop rather than a regex: a pattern ending in `$` also matches before a final
    /// newline, which once let "sku\n" through.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length is 0 or > MaxLength || value is "." or "..")
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The start of an identifier, as a prefix filter takes it: the same characters and length, and "." or ".." too,
    /// which begin ids such as ".5mm" and "..x".
    /// </summary>
    public static bool IsValidPrefix(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(IsAllowed);

    private static bool IsAllowed(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
