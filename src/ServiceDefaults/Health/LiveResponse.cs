namespace Quartermaster.ServiceDefaults.Health;

/// <summary>The body of GET /livez.</summary>
public sealed record LiveResponse(string Status);
