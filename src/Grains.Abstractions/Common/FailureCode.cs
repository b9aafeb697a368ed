namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>Business outcomes a grain reports instead of throwing; each maps to one problem code of the API.</summary>
[GenerateSerializer]
[Alias("qm.FailureCode")]
public enum FailureCode
{
    NotFound = 0,
    InsufficientStock = 1,
    InvalidTransition = 2,
    Conflict = 3,
    PreconditionFailed = 4,
    ValidationFailed = 5,
    LimitReached = 6,
    CustomerBlocked = 7,
}
