using System.Globalization;

namespace Quartermaster.Persistence.Storage;

/// <summary>The ETag Orleans keeps for a state: the row version the activation read ("7"), or null if no row.</summary>
internal static class StateVersion
{
    public static long? Parse(string? etag) =>
        etag is null ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
