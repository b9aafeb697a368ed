using System.Text.RegularExpressions;

namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>
/// What the code reads and serves, found in src/ itself rather than listed by hand: the configuration
/// keys (indexers, GetConnectionString, GetSection(...)[key] and GetValue, options bound with
/// BindConfiguration or Configure&lt;T&gt;(GetSection(...))), and the GET routes each host maps.
/// </summary>
internal static partial class CodeFacts
{
    private static readonly Lazy<ConfigurationKeys> LazyKeys = new(FindKeys);

    public static ConfigurationKeys Keys => LazyKeys.Value;

    /// <summary>The GET routes a host project (src/NAME) serves: mapped in it, or in a method it calls.</summary>
    public static IReadOnlySet<string> GetRoutes(string project)
    {
        var hostSource = string.Join('\n', Repository.SourceFiles(Path.Combine("src", project)).Select(File.ReadAllText));
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Repository.SourceFiles())
        {
            var text = File.ReadAllText(file);
            var inHost = file.StartsWith(Repository.PathOf("src", project) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            foreach (Match route in MapGet().Matches(text))
            {
                var method = StaticMethod().Matches(text[..route.Index]).LastOrDefault()?.Groups[1].Value;
                if (inHost || (method is not null && hostSource.Contains($".{method}(", StringComparison.Ordinal)))
                {
                    routes.Add(route.Groups[1].Value);
                }
            }
        }

        return routes;
    }

    private static ConfigurationKeys FindKeys()
    {
        var files = Repository.SourceFiles().ToDictionary(f => f, File.ReadAllText);
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in files.Values)
        {
            var type = TypeName().Match(text).Groups[1].Value;
            foreach (Match constant in StringConstant().Matches(text))
            {
                constants[$"{type}.{constant.Groups[1].Value}"] = constant.Groups[2].Value;
                constants.TryAdd(constant.Groups[1].Value, constant.Groups[2].Value);
            }
        }

        var keys = new ConfigurationKeys();
        foreach (var text in files.Values)
        {
            // A bare constant name means the one of the type declared in this file.
            var type = TypeName().Match(text).Groups[1].Value;
            string Resolve(string expression)
            {
                expression = expression.Trim();
                return expression.StartsWith('"') ? expression.Trim('"')
                    : NameOf().Match(expression) is { Success: true } nameOf ? nameOf.Groups[1].Value
                    : constants.TryGetValue($"{type}.{expression}", out var local) ? local
                    : constants.TryGetValue(expression, out var value) ? value
                    : throw new InvalidDataException($"Cannot resolve the configuration key expression `{expression}`.");
            }

            foreach (Match m in ConnectionString().Matches(text))
            {
                keys.Exact.Add($"ConnectionStrings:{Resolve(m.Groups[1].Value)}");
            }

            foreach (Match m in Indexer().Matches(text))
            {
                keys.Exact.Add(m.Groups[1].Value);
            }

            foreach (Match section in SectionVariable().Matches(text))
            {
                var prefix = Resolve(section.Groups[2].Value);
                foreach (Match use in new Regex($@"\b{section.Groups[1].Value}(?:\[""(\w+)""\]|\.GetValue(?:<[^>]+>)?\(""(\w+)"")").Matches(text))
                {
                    keys.Exact.Add($"{prefix}:{(use.Groups[1].Success ? use.Groups[1].Value : use.Groups[2].Value)}");
                }
            }

            foreach (Match m in SectionGetValue().Matches(text))
            {
                keys.Exact.Add($"{Resolve(m.Groups[1].Value)}:{Resolve(m.Groups[2].Value)}");
            }

            foreach (Match m in ConfigureSection().Matches(text))
            {
                keys.Sections[Resolve(m.Groups[2].Value)] = m.Groups[1].Value;
            }

            foreach (Match m in BindConfiguration().Matches(text))
            {
                var section = Resolve(m.Groups[2].Value);
                var declaring = files.Values.Single(t => new Regex($@"\bclass {m.Groups[1].Value}\b").IsMatch(t));
                foreach (Match property in Property().Matches(declaring))
                {
                    var key = $"{section}:{property.Groups[2].Value}";
                    (ListType().IsMatch(property.Groups[1].Value) ? keys.Arrays : keys.Exact).Add(key);
                }
            }
        }

        return keys;
    }

    [GeneratedRegex(@"\.MapGet\(""(/[^""]*)""")]
    private static partial Regex MapGet();

    [GeneratedRegex(@"public static [\w<>.,\s]+? (\w+)\(this ")]
    private static partial Regex StaticMethod();

    [GeneratedRegex(@"\b(?:class|record|struct)\s+(\w+)")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"const string (\w+) = ""([^""]*)"";")]
    private static partial Regex StringConstant();

    [GeneratedRegex(@"^nameof\((?:\w+\.)*(\w+)\)$")]
    private static partial Regex NameOf();

    [GeneratedRegex(@"\.GetConnectionString\(([^)]+)\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"\b[cC]onfiguration\[""([^""]+)""\]")]
    private static partial Regex Indexer();

    [GeneratedRegex(@"var (\w+) = [\w.]+\.GetSection\(([^)]+)\);")]
    private static partial Regex SectionVariable();

    [GeneratedRegex(@"\.GetSection\(([^)]+)\)\.GetValue(?:<[^>]+>)?\(((?:nameof\([^)]*\))|""[^""]*""|[\w.]+)")]
    private static partial Regex SectionGetValue();

    [GeneratedRegex(@"Configure<(\w+)>\([\w.]+\.GetSection\(([^)]+)\)\)")]
    private static partial Regex ConfigureSection();

    [GeneratedRegex(@"AddOptions<(\w+)>\(\)\.BindConfiguration\(([^)]+)\)")]
    private static partial Regex BindConfiguration();

    [GeneratedRegex(@"public ([\w<>?\[\], ]+) (\w+) \{ get; (?:set|init); \}")]
    private static partial Regex Property();

    [GeneratedRegex(@"^(?:List<|IList<|IReadOnlyList<|string\[\])")]
    private static partial Regex ListType();
}

/// <summary>Configuration keys in their `A:B` form, compared case-insensitively as .NET configuration does.</summary>
internal sealed class ConfigurationKeys
{
    public HashSet<string> Exact { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys bound to a list: `KEY:0`, `KEY:1`, ...</summary>
    public HashSet<string> Arrays { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sections bound to an options type as a whole (`Orleans:Membership` -> ClusterMembershipOptions).</summary>
    public Dictionary<string, string> Sections { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an environment variable name (`A__B`) is a key the code reads.</summary>
    public bool IsRead(string environmentName)
    {
        var key = environmentName.Replace("__", ":", StringComparison.Ordinal);
        return Exact.Contains(key)
            || Arrays.Any(a => Regex.IsMatch(key, $"^{Regex.Escape(a)}:[0-9]+$", RegexOptions.IgnoreCase))
            || Sections.Keys.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase) && key.Length > s.Length + 1);
    }
}
