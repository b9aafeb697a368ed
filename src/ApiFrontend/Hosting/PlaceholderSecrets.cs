namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>
/// Admin keys that are published (templates, compose, the README) or plainly stand-ins. They are refused at
/// start-up outside Development: anyone who has read the repository would hold the admin key.
/// </summary>
public static class PlaceholderSecrets
{
    private static readonly string[] Published =
    [
        "CHANGE-ME-admin-key-of-16-or-more-characters",
        "dev-only-admin-key-change-me",
        "admin-dev-key-0001",
    ];

    private static readonly string[] StandInWords = ["change-me", "changeme", "change_me", "placeholder", "replace-me", "example", "your-admin-key"];

    public static bool IsPlaceholder(string key) =>
        Published.Contains(key, StringComparer.OrdinalIgnoreCase)
        || StandInWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase))
        || key.Distinct().Count() < 6;
}
