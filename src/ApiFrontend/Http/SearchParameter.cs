using Quartermaster.ApiFrontend.Validation;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>`?q=` of the searchable lists: at most 200 characters of text PostgreSQL can hold, trimmed; blank means no search.</summary>
public static class SearchParameter
{
    public const int MaxLength = 200;

    public static string? Read(string? q, FieldErrors errors)
    {
        if (q is not null && q.Length > MaxLength)
        {
            errors.Add("q", $"At most {MaxLength} characters.");
            return null;
        }

        // The search reaches PostgreSQL as a parameter, which refuses U+0000 as a stored value would.
        if (q is not null && !StorableText.IsStorable(q))
        {
            errors.Add("q", StorableText.Rule);
            return null;
        }

        return Normalise(q);
    }

    /// <summary>The search a `q` asks for, as a list's filters compare it.</summary>
    public static string? Normalise(string? q) => string.IsNullOrWhiteSpace(q) ? null : q.Trim();
}
