namespace Quartermaster.Persistence.Migrations;

internal static class MigrationChecks
{
    /// <summary>
    /// An applied script must never change: the database already holds what its old text did, and a
    /// changed text would silently not be run. Fix forward with a new script instead.
    /// </summary>
    public static void EnsureUnchanged(IEnumerable<MigrationScript> scripts, IEnumerable<MigrationHistory.Row> recorded)
    {
        var byVersion = recorded.ToDictionary(row => row.Version);
        var changed = scripts
            .Where(script => byVersion.TryGetValue(script.Version, out var row) && row.Checksum != script.Checksum)
            .Select(script => $"{script.Version:D4}_{script.Name}")
            .ToList();
        if (changed.Count > 0)
        {
            throw new MigrationException(
                $"Applied migration(s) {string.Join(", ", changed)} no longer match the checksum recorded in " +
                "schema_migrations. Restore the original script text and put the change in a new script.");
        }
    }
}
