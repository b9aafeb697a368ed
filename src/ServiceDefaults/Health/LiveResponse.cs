using System.ComponentModel.DataAnnotations;

namespace Quartermaster.ServiceDefaults.Health;

/// <summary>The body of GET /livez.</summary>
public sealed record LiveResponse([property: AllowedValues("alive")] string Status);
