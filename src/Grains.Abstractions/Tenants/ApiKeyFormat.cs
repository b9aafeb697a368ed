namespace Quartermaster.Grains.Abstractions.Tenants;

/// <summary>
/// The shape of every tenant API key: "qm_" and URL-safe base64 (issued keys are "qm_" and 43 characters).
/// A token of any other shape is refused before any look-up.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "qm_";
    public const int MinLength = 24;
    public const int MaxLength = 128;

    public static bool IsWellFormed(string? key)
    {
        if (key is null || key.Length is < MinLength or > MaxLength || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
