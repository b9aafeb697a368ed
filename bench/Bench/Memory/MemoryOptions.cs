using System.Globalization;

namespace Quartermaster.Bench.Memory;

/// <summary>The memory mode's arguments: <c>[--items N] [--json PATH]</c>; anything wrong is an <see cref="ArgumentException"/> that says what.</summary>
internal sealed record MemoryOptions(int Items, string? JsonPath)
{
    public const string Usage = "usage: Quartermaster.Bench memory [--items N (1-1,000,000; default 1,000,000)] [--json PATH]";

    public static MemoryOptions Parse(IReadOnlyList<string> args)
    {
        var items = StockGrid.Capacity;
        string? json = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] is not ("--items" or "--json"))
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            if (args[i] == "--items")
            {
                items = ParseItems(value);
            }
            else
            {
                json = ParseJsonPath(value);
            }
        }

        return new MemoryOptions(items, json);
    }

    private static int ParseItems(string text) =>
        int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var items) && items is >= 1 and <= StockGrid.Capacity
            ? items
            : throw new ArgumentException(
                $"--items must be a whole number from 1 to {StockGrid.Capacity:N0} ({StockGrid.Products:N0} products x {StockGrid.Warehouses:N0} warehouses); got '{text}'.");

    /// <summary>Checked before the run, so a typo does not cost minutes of activation.</summary>
    private static string ParseJsonPath(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        return Directory.Exists(directory)
            ? path
            : throw new ArgumentException($"--json: directory '{directory}' does not exist.");
    }
}
