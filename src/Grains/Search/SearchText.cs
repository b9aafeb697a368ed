using System.Text;

namespace Quartermaster.Grains.Search;

/// <summary>
/// The text search of the lists (customers, products, warehouses), kept in one place so the in-memory lists and
/// PostgreSQL answer alike: a word is a run of letters and digits, case is ignored, and a name matches a text when
/// it has, for each word of the text, a word starting with it.
/// </summary>
public static class SearchText
{
    /// <summary>The name's words, lowercased, each after a space (" ada lovelace"): a word prefix is then " " + prefix.</summary>
    public static string NameWords(string name) => string.Concat(Words(name).Select(w => " " + w));

    /// <summary>The lowercased words of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    public static bool NameMatches(string name, string text)
    {
        var wanted = Words(text);
        var words = NameWords(name);
        return wanted.Count > 0 && wanted.All(w => words.Contains(" " + w, StringComparison.Ordinal));
    }

    public static bool StartsWithIgnoringCase(string? value, string text) =>
        value is not null && value.ToLowerInvariant().StartsWith(text.ToLowerInvariant(), StringComparison.Ordinal);
}
