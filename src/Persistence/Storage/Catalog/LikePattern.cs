namespace Quartermaster.Persistence.Storage.Catalog;

internal static class LikePattern
{
    /// <summary>The text as a LIKE pattern matching itself: its wildcards and the escape character taken literally.</summary>
    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
