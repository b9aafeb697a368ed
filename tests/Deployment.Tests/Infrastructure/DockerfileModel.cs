using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quartermaster.Deployment.Tests.Infrastructure;

internal sealed record Instruction(string Keyword, string Arguments, int Line)
{
    /// <summary>Leading `--name=value` flags, and what follows them.</summary>
    public (Dictionary<string, string> Flags, string Remainder) SplitFlags()
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = Arguments;
        while (Regex.Match(rest, @"^--([\w-]+)(?:=(\S*))?\s*") is { Success: true } flag)
        {
            flags[flag.Groups[1].Value] = flag.Groups[2].Value;
            rest = rest[flag.Length..];
        }

        return (flags, rest.Trim());
    }

    /// <summary>The exec (JSON array) form's argv, or null for the shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(string text) =>
        text.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<string[]>(text) : null;
}

internal sealed record Stage(string? Name, string Image, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public Instruction? Last(string keyword) => All(keyword).LastOrDefault();

    /// <summary>WORKDIR as the stage ends (relative WORKDIRs resolve against the previous one).</summary>
    public string FinalWorkdir => All("WORKDIR").Aggregate("/", (current, w) => ContainerPath.Combine(current, w.Arguments));

    public Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in All("ENV"))
        {
            foreach (Match pair in Regex.Matches(env.Arguments, @"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S*)"))
            {
                environment[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
        }

        return environment;
    }
}

/// <summary>A Dockerfile read the way `docker build` reads it: comments dropped, continuations joined, stages split.</summary>
internal sealed class DockerfileModel
{
    private DockerfileModel(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Stage(string name) => Stages.Single(s => s.Name == name);

    public Stage Final => Stages[^1];

    public static DockerfileModel Load(string path)
    {
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        foreach (var instruction in Instructions(File.ReadAllLines(path)))
        {
            if (instruction.Keyword == "FROM")
            {
                var from = Regex.Match(Substitute(instruction.Arguments, globalArgs), @"^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$", RegexOptions.IgnoreCase);
                current = [];
                stages.Add(new Stage(from.Groups[2].Success ? from.Groups[2].Value : null, from.Groups[1].Value, current));
            }
            else if (current is null && instruction.Keyword == "ARG")
            {
                var arg = instruction.Arguments.Split('=', 2);
                globalArgs[arg[0]] = arg.Length > 1 ? arg[1] : string.Empty;
            }
            else
            {
                (current ?? throw new InvalidDataException($"line {instruction.Line}: {instruction.Keyword} before FROM")).Add(instruction);
            }
        }

        return new DockerfileModel(stages);
    }

    private static string Substitute(string text, Dictionary<string, string> args) =>
        Regex.Replace(text, @"\$\{(\w+)\}|\$(\w+)", m => args.GetValueOrDefault(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, string.Empty));

    private static IEnumerable<Instruction> Instructions(string[] lines)
    {
        var text = string.Empty;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (text.Length == 0)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                start = i + 1;
            }

            var continued = line.TrimEnd().EndsWith('\\');
            text += continued ? line.TrimEnd()[..^1] + " " : line;
            if (!continued)
            {
                var parts = text.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                yield return new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : string.Empty, start);
                text = string.Empty;
            }
        }
    }
}

internal static class ContainerPath
{
    public static string Combine(string current, string path) =>
        Normalize(path.StartsWith('/') ? path : current.TrimEnd('/') + "/" + path);

    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }
}
