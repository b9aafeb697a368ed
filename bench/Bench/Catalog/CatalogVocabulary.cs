using System.Globalization;

namespace Quartermaster.Bench.Catalog;

/// <summary>
/// The seeded catalog's skus and names, and the searches a buyer types against it. Product n is
/// <c>SKU-nnnnnnn</c> named like "Hex bolt steel M6 KD123": a kind (one of 24, some sharing a word), a material
/// (one of 10), a size and a model code of its own (two letters and the product's number), so a word matches from
/// tens of thousands of products (a kind) down to a handful (a code).
/// </summary>
internal static class CatalogVocabulary
{
    public static readonly string[] Kinds =
    [
        "Hex bolt", "Wood screw", "Flat washer", "Butt hinge", "Corner bracket", "Wall anchor", "Blind rivet", "Lock nut",
        "Compression spring", "Dowel pin", "Cable tie", "Hose clamp", "Threaded rod", "Eye bolt", "Shelf bracket", "Door handle",
        "Drawer slide", "Caster wheel", "Pipe fitting", "Ball valve", "Flange gasket", "O ring", "Circuit breaker", "LED strip",
    ];

    public static readonly string[] Materials = ["steel", "brass", "zinc", "nylon", "copper", "aluminium", "stainless", "galvanised", "plastic", "rubber"];

    public const string SkuPrefix = "SKU-";

    public const int SkuDigits = 7;

    public static string Sku(long n) => SkuPrefix + n.ToString("D7", CultureInfo.InvariantCulture);

    public static bool IsSeeded(string sku) => sku.Length == SkuPrefix.Length + SkuDigits && sku.StartsWith(SkuPrefix, StringComparison.Ordinal);

    /// <summary>The SQL expression of product n's name; <see cref="Name"/> is the same in C#.</summary>
    public const string NameSql =
        "($2::text[])[1 + n % 24] || ' ' || ($3::text[])[1 + (n / 24) % 10] || ' M' || (3 + (n / 240) % 22) || ' '"
        + " || chr((65 + (n * 7) % 26)::int) || chr((65 + (n / 26) % 26)::int) || n";

    public static string Name(long n) => string.Create(CultureInfo.InvariantCulture,
        $"{Kinds[n % 24]} {Materials[n / 24 % 10]} M{3 + n / 240 % 22} {Code(n)}");

    /// <summary>Product n's model code: two letters and its number, e.g. "KD123".</summary>
    public static string Code(long n) => string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + n * 7 % 26)}{(char)('A' + n / 26 % 26)}{n}");

    /// <summary>A prefix of a random seeded sku, 6 to 11 characters, in either case: from 100,000 matches to one.</summary>
    public static string SkuPrefixQuery(Random random, long products)
    {
        var sku = Sku(random.NextInt64(products))[..random.Next(6, 12)];
        return random.Next(2) == 0 ? sku : sku.ToLowerInvariant();
    }

    /// <summary>One to three words or word starts a buyer would type, from very common to a single product's code.</summary>
    public static string WordQuery(Random random, long products)
    {
        var n = random.NextInt64(products);
        var kind = Kinds[random.Next(Kinds.Length)].ToLowerInvariant();
        var material = Materials[random.Next(Materials.Length)];
        return random.Next(5) switch
        {
            0 => kind.Split(' ')[^1],
            1 => material[..Math.Min(4, material.Length)],
            2 => $"{kind.Split(' ')[0]} m{3 + random.Next(22)}",
            3 => $"{material} {kind}",
            _ => Code(n)[..^1].ToLowerInvariant(),
        };
    }
}
