using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Quartermaster.ApiFrontend.Operator;

/// <summary>
/// Which admin key a session was opened with, as a hash: a session ends as soon as its key is no longer
/// configured (rotated out), not when the cookie expires.
/// </summary>
public static class AdminKeyFingerprint
{
    public const string ClaimType = "qm:admin-key";

    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsStillConfigured(ClaimsPrincipal? session, IEnumerable<string> adminKeys) =>
        session?.FindFirstValue(ClaimType) is { } fingerprint
        && adminKeys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(key)), Encoding.ASCII.GetBytes(fingerprint)));
}
