using System.Text.RegularExpressions;

namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>
/// .dockerignore as Docker applies it: patterns relative to the context root, `*` and `?` within one path
/// element, `**` across any number of them, `!` re-includes, the last matching pattern wins, and a path is
/// excluded when it or one of its parent directories matches.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load(string path) => new(
        [.. File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true))]);

    public bool IsExcluded(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            for (var n = 1; n <= parts.Length; n++)
            {
                if (pattern.IsMatch(string.Join('/', parts[..n])))
                {
                    excluded = exclude;
                    break;
                }
            }
        }

        return excluded;
    }

    /// <summary>Every file of the context directory that the build can see.</summary>
    public IEnumerable<string> ContextFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                var relative = Path.GetRelativePath(root, entry);
                if (IsExcluded(relative))
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
                else
                {
                    yield return relative;
                }
            }
        }
    }

    private static Regex ToRegex(string pattern)
    {
        var clean = pattern.Trim('/');
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c == '*' && i + 1 < clean.Length && clean[i + 1] == '*')
            {
                var slash = i + 2 < clean.Length && clean[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
