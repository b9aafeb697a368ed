using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Stock;

/// <summary>What one command did to the book: its answer, and whether the state must be written.</summary>
internal readonly record struct BookResult<T>(Outcome<T> Outcome, bool Changed)
{
    public static BookResult<T> Unchanged(Outcome<T> outcome) => new(outcome, false);

    public static BookResult<T> Written(T value) => new(Outcome<T>.Ok(value), true);
}
