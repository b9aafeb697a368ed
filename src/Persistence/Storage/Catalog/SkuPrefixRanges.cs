using System.Text;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Persistence.Storage.Catalog;

/// <summary>
/// A case-ignoring sku prefix as ranges of the sku key itself: one range per upper/lower spelling of its ASCII letters
/// (the letters the database's lower() folds under the "C" collation of sku), each [spelling, next string after
/// every string that starts with it). Each range is read in key order from the primary key and stops at the page, so
/// the cost does not depend on how many skus match or where they sit in the key order. Beyond
/// <see cref="MaxVaryingLetters"/> letters the spelling stops there and the full prefix is left to a filter, so a
/// long prefix costs at most 2^<see cref="MaxVaryingLetters"/> short range reads.
/// </summary>
internal static class SkuPrefixRanges
{
    public const int MaxVaryingLetters = 5;

    /// <param name="lowerPrefix">The prefix, lowercased, itself a valid identifier (<see cref="ResourceId"/>): a prefix of no sku otherwise.</param>
    public static IReadOnlyList<(string From, string To)> For(string lowerPrefix)
    {
        var letters = 0;
        var length = 0;
        while (length < lowerPrefix.Length && !(IsAsciiLetter(lowerPrefix[length]) && letters == MaxVaryingLetters))
        {
            letters += IsAsciiLetter(lowerPrefix[length]) ? 1 : 0;
            length++;
        }

        var stem = lowerPrefix[..length];
        var ranges = new List<(string, string)>(1 << letters);
        for (var spelling = 0; spelling < 1 << letters; spelling++)
        {
            var from = Spell(stem, spelling);
            ranges.Add((from, After(from)));
        }

        return ranges;
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z';

    /// <summary>The stem with its n-th letter upper-cased where bit n of <paramref name="spelling"/> is set.</summary>
    private static string Spell(string stem, int spelling)
    {
        var text = new StringBuilder(stem);
        var letter = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsAsciiLetter(text[i]))
            {
                if ((spelling >> letter & 1) == 1)
                {
                    text[i] = char.ToUpperInvariant(text[i]);
                }

                letter++;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The least string greater than every string that starts with <paramref name="prefix"/> in the "C" collation's
    /// order: the prefix with its last character raised by one (a sku character, so the next one is a character too).
    /// </summary>
    private static string After(string prefix) => string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(prefix[^1] + 1)]);
}
