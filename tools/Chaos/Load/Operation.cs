namespace Quartermaster.Chaos.Load;

/// <summary>
/// One thing a client wanted done, tried until it was answered for good or the client gave up (AnsweredAt
/// null: an unknown outcome). FailedAttempts counts the tries before the last.
/// </summary>
internal sealed record Operation(string Tenant, string Method, string Route, double StartedAt, double? AnsweredAt, int FailedAttempts, bool Succeeded);
