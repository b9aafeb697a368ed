using Quartermaster.Grains.Abstractions.Imports;

namespace Quartermaster.Contracts.Imports;

/// <summary>An import's status as clients see it: from the moment it is accepted (the file has arrived) it is running, then one of the end states.</summary>
public enum ImportRunStatus
{
    Running,
    Succeeded,
    CompletedWithErrors,
    Failed,
}

public static class ImportRunStatuses
{
    public static ImportRunStatus Of(ImportStatus status) => status switch
    {
        ImportStatus.Receiving or ImportStatus.Running => ImportRunStatus.Running,
        ImportStatus.Succeeded => ImportRunStatus.Succeeded,
        ImportStatus.CompletedWithErrors => ImportRunStatus.CompletedWithErrors,
        _ => ImportRunStatus.Failed,
    };
}
