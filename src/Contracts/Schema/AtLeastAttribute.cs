namespace Quartermaster.Contracts.Schema;

/// <summary>
/// The lowest value a whole-number field takes, for a field with no upper bound of its own (a level or a count):
/// its schema gets `minimum` and no `maximum`.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AtLeastAttribute(long minimum) : Attribute
{
    public long Minimum { get; } = minimum;
}
