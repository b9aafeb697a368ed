using System.Text;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Grains.Customers;

/// <summary>
/// The rule of GET /customers?q=, kept in one place so both lists answer alike: the text matches a customer whose
/// ref or email starts with it, or whose name has, for each word of the text, a word starting with it; case is
/// ignored. A word is a run of letters and digits.
/// </summary>
public static class CustomerSearchText
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

    public static bool Matches(Customer customer, string text)
    {
        var lowered = text.ToLowerInvariant();
        if (customer.CustomerRef.ToLowerInvariant().StartsWith(lowered, StringComparison.Ordinal)
            || (customer.Fields.Email?.ToLowerInvariant().StartsWith(lowered, StringComparison.Ordinal) ?? false))
        {
            return true;
        }

        var wanted = Words(text);
        var words = NameWords(customer.Fields.Name);
        return wanted.Count > 0 && wanted.All(w => words.Contains(" " + w, StringComparison.Ordinal));
    }
}
