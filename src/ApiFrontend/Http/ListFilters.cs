using System.Diagnostics.CodeAnalysis;

namespace Quartermaster.ApiFrontend.Http;

/// <summary>
/// The filters of a list request by query parameter name, each as sent and normalised: the form in which two requests
/// for the same list agree (`low=false` filters nothing, a timestamp is its instant). A cursor records its list's
/// normalised filters as `name=value` pairs joined by `&amp;`, each value escaped as in a URL.
/// </summary>
public sealed class ListFilters
{
    private readonly List<Filter> _filters = [];

    public bool IsEmpty => _filters.Count == 0;

    public bool AnySent => _filters.Any(f => f.Sent is not null);

    /// <summary>What a cursor records of these filters.</summary>
    public string Text => string.Join('&', Normalised().Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>The filters for people: what an error says a cursor's list was.</summary>
    public string Description => Normalised().Any() ? string.Join(", ", Normalised().Select(f => $"{f.Name}={f.Value}")) : "no filters";

    /// <summary>The value the list reads a filter from.</summary>
    public string? this[string name] => _filters.Single(f => f.Name == name).Sent;

    /// <param name="normalise">
    /// The value in the form every request for the same list gives it, or null when it filters nothing; the value as
    /// sent when left out. It must accept any text, as a cursor's filters are checked against it.
    /// </param>
    public ListFilters Add(string name, string? sent, Func<string, string?>? normalise = null)
    {
        _filters.Add(new Filter(name, sent, normalise ?? (value => value)));
        return this;
    }

    public bool SameAs(ListFilters other) => Text == other.Text;

    /// <summary>
    /// The filters a cursor recorded, as this list's; false for text this list cannot have written (a filter it does
    /// not have, a value it does not normalise so, another order or escaping), which is read back to the same text.
    /// </summary>
    public bool TryRead(string text, [NotNullWhen(true)] out ListFilters? recorded)
    {
        recorded = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Length == 0 ? [] : text.Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !values.TryAdd(parts[0], Uri.UnescapeDataString(parts[1])))
            {
                return false;
            }
        }

        var read = new ListFilters();
        foreach (var filter in _filters)
        {
            read.Add(filter.Name, values.GetValueOrDefault(filter.Name), filter.Normalise);
        }

        recorded = read.Text == text ? read : null;
        return recorded is not null;
    }

    private IEnumerable<(string Name, string Value)> Normalised()
    {
        foreach (var filter in _filters)
        {
            if (filter.Sent is not null && filter.Normalise(filter.Sent) is { } value)
            {
                yield return (filter.Name, value);
            }
        }
    }

    private sealed record Filter(string Name, string? Sent, Func<string, string?> Normalise);
}
