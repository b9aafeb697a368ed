namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>
/// A write's preconditions, checked by the grain in the turn that writes. If-Match: the resource must exist, at any
/// version ("*") or at one of <see cref="Versions"/> (a list of tags; an empty list, of weak tags only, matches
/// nothing). If-None-Match, when sent as well or instead: the resource must not exist ("*", so a PUT only creates)
/// or must not be at one of <see cref="NoneMatchVersions"/>. Where a method takes it as null, the write has no condition.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.VersionMatch")]
public sealed record VersionMatch([property: Id(0)] bool AnyVersion, [property: Id(1)] IReadOnlyList<long> Versions)
{
    public static VersionMatch Any { get; } = new(true, []);

    /// <summary>True when the request sent If-None-Match alone: <see cref="AnyVersion"/> and <see cref="Versions"/> then ask nothing.</summary>
    [Id(2)]
    public bool IfMatchOmitted { get; init; }

    /// <summary>If-None-Match: "*": the resource must not exist.</summary>
    [Id(3)]
    public bool NoneMatchAny { get; init; }

    /// <summary>If-None-Match with a list of tags: the resource must not be at any of these versions.</summary>
    [Id(4)]
    public IReadOnlyList<long>? NoneMatchVersions { get; init; }

    public static VersionMatch OneOf(params IReadOnlyList<long> versions) => new(false, versions);

    /// <summary>If-None-Match alone: "*" (<paramref name="any"/>) or a list of versions.</summary>
    public static VersionMatch NoneOf(bool any, IReadOnlyList<long> versions) =>
        new(false, []) { IfMatchOmitted = true, NoneMatchAny = any, NoneMatchVersions = versions };

    /// <param name="current">The version stored now; null when the resource does not exist.</param>
    public bool Admits(long? current) => IfMatchHolds(current) && IfNoneMatchHolds(current);

    public bool IfMatchHolds(long? current) => IfMatchOmitted || (current is { } version && (AnyVersion || Versions.Contains(version)));

    public bool IfNoneMatchHolds(long? current) =>
        current is not { } version || !(NoneMatchAny || (NoneMatchVersions?.Contains(version) ?? false));

    public override string ToString() => AnyVersion ? "*" : string.Join(" or ", Versions);
}
