namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>
/// An If-Match condition, checked by the grain in the turn that writes: the resource must exist, at any version
/// ("*") or at one of <see cref="Versions"/> (a list of tags; an empty list, of weak tags only, matches nothing).
/// Where a method takes it as null, the write has no condition.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.VersionMatch")]
public sealed record VersionMatch([property: Id(0)] bool AnyVersion, [property: Id(1)] IReadOnlyList<long> Versions)
{
    public static VersionMatch Any { get; } = new(true, []);

    public static VersionMatch OneOf(params IReadOnlyList<long> versions) => new(false, versions);

    /// <param name="current">The version stored now; null when the resource does not exist.</param>
    public bool Admits(long? current) => current is { } version && (AnyVersion || Versions.Contains(version));

    public override string ToString() => AnyVersion ? "*" : string.Join(" or ", Versions);
}
