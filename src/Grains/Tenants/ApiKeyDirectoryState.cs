namespace Quartermaster.Grains.Tenants;

[GenerateSerializer]
[Alias("qm.ApiKeyDirectoryState")]
public sealed class ApiKeyDirectoryState
{
    /// <summary>Append-only, so a frontend's position in it stays valid.</summary>
    [Id(0)]
    public List<string> LookupIds { get; set; } = [];

    /// <summary>Key ids of revoked keys; append-only for the same reason.</summary>
    [Id(1)]
    public List<string> RevokedKeyIds { get; set; } = [];
}
