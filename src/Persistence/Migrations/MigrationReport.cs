namespace Quartermaster.Persistence.Migrations;

/// <summary>What one migration run did: the scripts it applied and the ones it found already applied.</summary>
public sealed record MigrationReport(IReadOnlyList<MigrationScript> Applied, IReadOnlyList<MigrationScript> AlreadyApplied)
{
    public override string ToString() =>
        $"applied {Describe(Applied)}; already applied {Describe(AlreadyApplied)}";

    private static string Describe(IReadOnlyList<MigrationScript> scripts) =>
        scripts.Count == 0 ? "none" : string.Join(", ", scripts.Select(script => $"{script.Version:D4}_{script.Name}"));
}
