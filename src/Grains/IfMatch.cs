using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains;

/// <summary>The If-Match rule of the resources whose PUT may create them (products, warehouses, customers).</summary>
internal static class IfMatch
{
    /// <summary>If-Match on a resource that does not exist, or at another version, is refused.</summary>
    public static Failure? Check(long? current, long? expected, string what) =>
        expected is null || expected == current
            ? null
            : Failure.PreconditionFailed(current is null
                ? $"{what} does not exist, so If-Match cannot match."
                : $"{what} is at version {current}, not {expected}.");
}
