namespace Quartermaster.Chaos.Report;

internal sealed record RunSummary(
    DateTimeOffset Started, string Mode, double Minutes, int Tenants, int WorkersPerTenant, int Requests, int Operations, int Acknowledged, int UnknownOutcomes);
