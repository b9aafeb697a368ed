namespace Quartermaster.Client.Http;

/// <summary>What a caller may fix for one call: its Idempotency-Key (else a new one) and its If-Match.</summary>
internal readonly record struct CallHeaders(string? IdempotencyKey = null, string? IfMatch = null);
