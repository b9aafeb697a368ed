using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains;

/// <summary>The If-Match rule, checked in the turn that writes.</summary>
internal static class IfMatch
{
    /// <summary>
    /// If-Match on a resource that does not exist (even "*", which a PUT would otherwise create), or at a version
    /// it does not admit, is refused.
    /// </summary>
    public static Failure? Check(long? current, VersionMatch? expected, string what) =>
        expected is null || expected.Admits(current)
            ? null
            : Failure.PreconditionFailed(current is null ? $"{what} does not exist, so If-Match cannot match."
                : expected.Versions.Count == 0 ? $"{what} is at version {current}; If-Match names no strong ETag, and a weak one never matches."
                : $"{what} is at version {current}, not {expected}.");
}
