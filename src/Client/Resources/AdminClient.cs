using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Tenants and their API keys: the calls of the admin key.</summary>
public sealed class AdminClient
{
    private const string Tenants = "api/v1/admin/tenants";
    private readonly ApiTransport _api;

    internal AdminClient(ApiTransport api) => _api = api;

    public Task<TenantDto> CreateTenantAsync(CreateTenantRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TenantDto>(HttpMethod.Post, Tenants, request, new(idempotencyKey), cancellationToken);

    public Task<Tagged<TenantDto>> GetTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<TenantDto>(HttpMethod.Get, $"{Tenants}/{Paths.Id(tenantId)}", null, default, cancellationToken);

    /// <param name="ifMatch">The ETag of the version read (<see cref="Tagged{T}.ETag"/>); a newer one makes it 412 precondition_failed.</param>
    public Task<Tagged<TenantDto>> PatchTenantAsync(string tenantId, PatchTenantRequest patch, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<TenantDto>(HttpMethod.Patch, $"{Tenants}/{Paths.Id(tenantId)}", patch, new(IfMatch: ifMatch), cancellationToken);

    public Task<CreatedApiKeyDto> CreateApiKeyAsync(string tenantId, CreateApiKeyRequest? request = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CreatedApiKeyDto>(HttpMethod.Post, $"{Tenants}/{Paths.Id(tenantId)}/api-keys", request ?? new CreateApiKeyRequest(), new(idempotencyKey), cancellationToken);

    /// <summary>The first page of the tenant's keys, oldest first (50 at most; its NextCursor leads on).</summary>
    public Task<ListResponseOfApiKeyDto> ListApiKeysAsync(string tenantId, CancellationToken cancellationToken = default) =>
        ListApiKeysAsync(tenantId, null, null, cancellationToken);

    public Task<ListResponseOfApiKeyDto> ListApiKeysAsync(string tenantId, int? limit, string? cursor = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListResponseOfApiKeyDto>(HttpMethod.Get, Paths.WithQuery($"{Tenants}/{Paths.Id(tenantId)}/api-keys", ("limit", limit), ("cursor", cursor)),
            null, default, cancellationToken);

    /// <summary>Every key of the tenant, fetching pages of <paramref name="pageSize"/> as the sequence is read.</summary>
    public IAsyncEnumerable<ApiKeyDto> EnumerateApiKeysAsync(string tenantId, int? pageSize = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListApiKeysAsync(tenantId, pageSize, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);

    /// <summary>One key's name and dates, never the key itself.</summary>
    public Task<Tagged<ApiKeyDto>> GetApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<ApiKeyDto>(HttpMethod.Get, $"{Tenants}/{Paths.Id(tenantId)}/api-keys/{Paths.Id(keyId)}", null, default, cancellationToken);

    public Task RevokeApiKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Tenants}/{Paths.Id(tenantId)}/api-keys/{Paths.Id(keyId)}", null, default, cancellationToken);

    public Task<InvariantReport> CheckInvariantsAsync(string tenantId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<InvariantReport>(HttpMethod.Get, $"{Tenants}/{Paths.Id(tenantId)}/invariants", null, default, cancellationToken);
}
