namespace Quartermaster.Grains.Webhooks;

/// <summary>
/// How one delivery attempt went. <paramref name="StatusCode"/> is null when no response came (refused
/// connection, timeout before the status line); <paramref name="Error"/> is null on success and otherwise
/// says what went wrong in words a tenant can act on.
/// </summary>
public sealed record DeliveryAttempt(bool Succeeded, int? StatusCode, string? Error, TimeSpan Duration);
