namespace Quartermaster.Grains.Tenants;

[GenerateSerializer]
[Alias("qm.ApiKeyLookupState")]
public sealed class ApiKeyLookupState
{
    [Id(0)]
    public List<StoredApiKey> Keys { get; set; } = [];
}

[GenerateSerializer]
[Alias("qm.StoredApiKey")]
public sealed class StoredApiKey
{
    [Id(0)]
    public required string TenantId { get; init; }

    [Id(1)]
    public required string KeyId { get; init; }

    [Id(2)]
    public required byte[] Salt { get; init; }

    [Id(3)]
    public required byte[] Hash { get; init; }

    [Id(4)]
    public bool Revoked { get; set; }
}
