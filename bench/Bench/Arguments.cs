using System.Globalization;

namespace Quartermaster.Bench;

/// <summary>
/// "--name value" pairs and "--flag" switches; a bad or missing value is an <see cref="ArgumentException"/> naming the
/// option, and so is an option the command never asks for (see <see cref="RefuseUnknown"/>).
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args, params string[] flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            if (flags.Contains(name))
            {
                _values[name] = null;
            }
            else if (i + 1 < args.Count)
            {
                _values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{name} needs a value.");
            }
        }
    }

    public bool Has(string name) => _values.ContainsKey(Asked(name));

    public string? Optional(string name) => _values.GetValueOrDefault(Asked(name));

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value ? value : throw new ArgumentException($"{name} is required.");

    public int Int(string name, int fallback, int min = 0, int max = int.MaxValue)
    {
        if (Optional(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}; got '{text}'.");
    }

    private string Asked(string name)
    {
        _asked.Add(name);
        return name;
    }

    /// <summary>
    /// Called once the command has read every option it knows: a mistyped one (<c>--secnds 5</c>) would otherwise be
    /// ignored and, for <c>run</c>, start the full benchmark that rewrites docs/benchmarks.md.
    /// </summary>
    public void RefuseUnknown()
    {
        if (_values.Keys.FirstOrDefault(name => !_asked.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option '{unknown}'.");
        }
    }
}
