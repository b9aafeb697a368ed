using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Abstractions.Webhooks;

/// <summary>
/// An endpoint's event-type filter: exact types (<c>stock.low</c>), a family (<c>order.*</c>) or everything
/// (<c>*</c>). Only patterns that match at least one known type are accepted, so a typo is refused rather
/// than silently matching nothing.
/// </summary>
public static class EventTypePatterns
{
    public const string Everything = "*";

    public static bool IsValid(string? pattern) =>
        pattern is not null && (pattern == Everything || EventTypes.Known.Any(type => Matches(pattern, type)));

    public static bool Matches(string pattern, string type) =>
        pattern == Everything
        || (pattern.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : pattern == type);

    public static bool MatchesAny(IReadOnlyList<string> patterns, string type) => patterns.Any(pattern => Matches(pattern, type));

    /// <summary>The concrete types <paramref name="patterns"/> select, for the event log's type filter; null when every type.</summary>
    public static IReadOnlyList<string>? Expand(IReadOnlyList<string> patterns) =>
        patterns.Contains(Everything) ? null : EventTypes.Known.Where(type => MatchesAny(patterns, type)).ToList();
}
