namespace Quartermaster.ApiFrontend.Security;

/// <summary>
/// The probe and scrape endpoints. They need no key, so they ignore Authorization entirely: a header there
/// never costs a key look-up, and probes are never rate-limited.
/// </summary>
public static class OperationsPaths
{
    private static readonly string[] Paths = ["/livez", "/readyz", "/health", "/metrics"];

    public static bool Contains(PathString path) =>
        Paths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));
}
