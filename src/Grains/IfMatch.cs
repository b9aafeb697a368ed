using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains;

/// <summary>The If-Match and If-None-Match rules, checked in the turn that writes.</summary>
internal static class IfMatch
{
    /// <summary>
    /// If-Match on a resource that does not exist (even "*", which a PUT would otherwise create), or at a version
    /// it does not admit, is refused; so is If-None-Match naming the version the resource is at ("*": any version).
    /// </summary>
    public static Failure? Check(long? current, VersionMatch? expected, string what) =>
        expected is null || expected.Admits(current)
            ? null
            : Failure.PreconditionFailed(!expected.IfMatchHolds(current) ? IfMatchRefusal(current, expected, what)
                : expected.NoneMatchAny ? $"{what} exists (version {current}), so If-None-Match: * does not hold."
                : $"{what} is at version {current}, which If-None-Match names.");

    private static string IfMatchRefusal(long? current, VersionMatch expected, string what) =>
        current is null ? $"{what} does not exist, so If-Match cannot match."
            : expected.Versions.Count == 0 ? $"{what} is at version {current}; If-Match names no strong ETag, and a weak one never matches."
            : $"{what} is at version {current}, not {expected}.";
}
