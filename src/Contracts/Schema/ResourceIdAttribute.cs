namespace Quartermaster.Contracts.Schema;

/// <summary>
/// Marks a field as an identifier under the id rule (a client-chosen one, or one the service mints in that form:
/// keyId, endpointId, importId), so its schema carries the rule. A request field stays a plain string for
/// binding: FieldErrors checks it and names the field when it is wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ResourceIdAttribute : Attribute
{
    /// <summary>The id rule as an ECMA-262 pattern: the lookahead refuses the dot segments "." and "..".</summary>
    public const string Pattern = @"^(?!\.\.?$)[A-Za-z0-9._-]{1,64}$";

    /// <summary>The start of an id, as a prefix filter takes it: the lookahead is gone, since ".5mm" starts with ".".</summary>
    public const string PrefixPattern = @"^[A-Za-z0-9._-]{1,64}$";
}
