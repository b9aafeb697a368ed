namespace Quartermaster.Grains.Abstractions.Common;

[GenerateSerializer, Immutable]
[Alias("qm.Failure")]
public sealed record Failure([property: Id(0)] FailureCode Code, [property: Id(1)] string Detail)
{
    /// <summary>For <see cref="FailureCode.InsufficientStock"/> on one stock item.</summary>
    [Id(2)]
    public long? Available { get; init; }

    /// <summary>For <see cref="FailureCode.InsufficientStock"/> on an order: every line that was short.</summary>
    [Id(3)]
    public IReadOnlyList<ShortLine>? ShortLines { get; init; }

    /// <summary>The request field at fault: always for <see cref="FailureCode.ValidationFailed"/>, where known for others.</summary>
    [Id(4)]
    public string? Field { get; init; }

    /// <summary>
    /// For <see cref="FailureCode.ValidationFailed"/> when more than one field is at fault: each with its message
    /// (<see cref="Field"/> and <see cref="Failure.Detail"/> are the first of them).
    /// </summary>
    [Id(5)]
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    public static Failure Invalid(string field, string detail) => new(FailureCode.ValidationFailed, detail) { Field = field };

    /// <summary>Every field at fault in one refusal; null when there is none.</summary>
    public static Failure? Invalid(IReadOnlyDictionary<string, string> fields) => fields.Count switch
    {
        0 => null,
        1 => Invalid(fields.First().Key, fields.First().Value),
        _ => Invalid(fields.First().Key, fields.First().Value) with { Fields = fields },
    };

    public static Failure LimitReached(string detail) => new(FailureCode.LimitReached, detail);

    public static Failure NotFound(string detail) => new(FailureCode.NotFound, detail);

    public static Failure Conflict(string detail) => new(FailureCode.Conflict, detail);

    public static Failure CustomerBlocked(string detail) => new(FailureCode.CustomerBlocked, detail);

    public static Failure InvalidTransition(string detail) => new(FailureCode.InvalidTransition, detail);

    public static Failure PreconditionFailed(string detail) => new(FailureCode.PreconditionFailed, detail);

    public static Failure Insufficient(long requested, long available) =>
        new(FailureCode.InsufficientStock, $"Requested {requested} but only {available} available.") { Available = available };
}
