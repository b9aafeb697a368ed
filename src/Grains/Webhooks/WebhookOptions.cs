namespace Quartermaster.Grains.Webhooks;

/// <summary>`Webhooks`: how silos deliver events to tenants' receivers.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Host names or IP literals (e.g. "hooks.internal", "10.0.4.7", "::1") that webhook URLs may point at
    /// although they resolve to loopback, private, link-local or metadata addresses. Matched exactly and
    /// case-insensitively against the URL's host; no wildcards. An allowed host may also be reached over plain
    /// http: the operator who allows an internal host vouches for it, transport included.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long one attempt may take, connecting and reading a failure's body included (1..60).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Deliveries to one endpoint in flight at once; enforced by the delivery grain. 32 lets one endpoint keep up
    /// with a busy tenant (about 2,400 events a second on the bench's loopback receiver, delivery lag p99 under a
    /// second, where 8 fell behind); a receiver that hangs holds that many of its silo's slots.
    /// </summary>
    public int MaxConcurrentPerEndpoint { get; set; } = 32;

    /// <summary>Deliveries in flight at once from one silo, over all endpoints: eight endpoints at their limit.</summary>
    public int MaxConcurrentPerSilo { get; set; } = 256;

    /// <summary>
    /// How much of a failing receiver's response body is kept as the attempt's error text; the rest is never
    /// read, so a receiver cannot make a silo buffer a large answer.
    /// </summary>
    public int MaxResponseBytesKept { get; set; } = 1024;

    /// <summary>
    /// Base64 of 32 bytes: the AES-256 key that endpoint secrets, and first responses that show a secret (kept for
    /// Idempotency-Key replays), are encrypted with at rest. Unset, a key is
    /// made per process, which suits only in-memory hosting (stored secrets would be unreadable after a restart).
    /// </summary>
    public string? SecretKey { get; set; }
}
