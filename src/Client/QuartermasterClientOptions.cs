using System.ComponentModel.DataAnnotations;

namespace Quartermaster.Client;

/// <summary>Where the service is, the key to call it with, and how hard to retry.</summary>
public sealed class QuartermasterClientOptions
{
    /// <summary>The service's root, e.g. https://quartermaster.example.com (the client adds /api/v1).</summary>
    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>A tenant API key, or the admin key for <see cref="QuartermasterClient.Admin"/>.</summary>
    [Required]
    [MinLength(1)]
    public string? ApiKey { get; set; }

    /// <summary>Retries after the first attempt, on 429, 503 and connection failures.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off when the service sends no Retry-After; it doubles, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts, whatever Retry-After says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
