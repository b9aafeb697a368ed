using System.Text.RegularExpressions;

namespace Quartermaster.Grains.Abstractions.Identifiers;

/// <summary>The one rule for every client-chosen identifier: 1-64 characters of [A-Za-z0-9._-].</summary>
public static partial class ResourceId
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
