namespace Quartermaster.Contracts.Schema;

/// <summary>Marks a field as an event id (or a delivery id, which is its event's), so its schema carries their form.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EventIdFormatAttribute : Attribute
{
    /// <summary>What the service mints: 32 lower-case hex digits (see EventIds).</summary>
    public const string Pattern = "^[0-9a-f]{32}$";
}
