using System.Reflection;
using System.Text.RegularExpressions;

namespace Quartermaster.Persistence.Migrations;

/// <summary>The scripts embedded from Migrations/Scripts (see the csproj's LogicalName), in version order.</summary>
internal static partial class EmbeddedScripts
{
    internal const string ResourcePrefix = "Quartermaster.Migrations/";

    public static IReadOnlyList<MigrationScript> Load()
    {
        var assembly = typeof(EmbeddedScripts).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => Read(assembly, resource))
            .OrderBy(script => script.Version)
            .ToList();

        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migration scripts share version {duplicate.Key}: {string.Join(", ", duplicate)}.");
        }

        return scripts;
    }

    private static MigrationScript Read(Assembly assembly, string resource)
    {
        var fileName = resource[ResourcePrefix.Length..];
        var match = ScriptName().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException(
                $"Migration script '{fileName}' is not named NNNN_description.sql (four digits, lower-case words).");
        }

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return new MigrationScript(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
