using System.Runtime.CompilerServices;

namespace Quartermaster.Client.Http;

/// <summary>Walks a cursor list page by page, as one sequence of items.</summary>
internal static class CursorPages
{
    public static async IAsyncEnumerable<TItem> EnumerateAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>> items,
        Func<TPage, string?> nextCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await fetch(cursor, cancellationToken);
            foreach (var item in items(page))
            {
                yield return item;
            }

            cursor = nextCursor(page);
        }
        while (cursor is not null);
    }
}
