namespace Quartermaster.Bench.Baselines;

/// <summary>What the invariant check of one tenant in one engine found: how many stock items it checked and what was wrong.</summary>
internal sealed record BaselineInvariantReport(int Items, IReadOnlyList<string> Violations);
