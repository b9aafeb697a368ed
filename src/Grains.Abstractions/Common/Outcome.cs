namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>The answer of a grain command: a value, or the business reason it was refused.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.Outcome`1")]
public sealed record Outcome<T>
{
    [Id(0)]
    public T? Value { get; init; }

    [Id(1)]
    public Failure? Failure { get; init; }

    public static Outcome<T> Ok(T value) => new() { Value = value };

    public static implicit operator Outcome<T>(T value) => Ok(value);

    public static implicit operator Outcome<T>(Failure failure) => new() { Failure = failure };
}
