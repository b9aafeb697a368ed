using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>The calling tenant's settings.</summary>
public sealed class SettingsClient
{
    private const string Settings = "api/v1/settings";
    private readonly ApiTransport _api;

    internal SettingsClient(ApiTransport api) => _api = api;

    public Task<Tagged<SettingsDto>> GetAsync(CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<SettingsDto>(HttpMethod.Get, Settings, null, default, cancellationToken);

    /// <param name="ifMatch">The ETag of the version read (<see cref="Tagged{T}.ETag"/>); a newer one makes it 412 precondition_failed.</param>
    public Task<Tagged<SettingsDto>> PatchAsync(SettingsPatch patch, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _api.SendTaggedAsync<SettingsDto>(HttpMethod.Patch, Settings, patch, new(IfMatch: ifMatch), cancellationToken);
}
