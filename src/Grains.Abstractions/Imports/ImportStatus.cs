namespace Quartermaster.Grains.Abstractions.Imports;

[GenerateSerializer]
[Alias("qm.ImportStatus")]
public enum ImportStatus
{
    /// <summary>The file is still arriving; no row is applied yet.</summary>
    Receiving = 0,
    Running = 1,
    Succeeded = 2,
    CompletedWithErrors = 3,
    Failed = 4,
}
