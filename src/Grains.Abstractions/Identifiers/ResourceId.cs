namespace Quartermaster.Grains.Abstractions.Identifiers;

/// <summary>The one rule for every client-chosen identifier: 1-64 characters of [A-Za-z0-9._-].</summary>
public static class ResourceId
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";

    /// <summary>
    /// A plain character loop rather than a regex: a pattern ending in `$` also matches before a final
    /// newline, which once let "sku\n" through.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length is 0 or > MaxLength)
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

    private static bool IsAllowed(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
