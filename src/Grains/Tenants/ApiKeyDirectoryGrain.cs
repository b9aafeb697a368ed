using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Tenants;

public sealed class ApiKeyDirectoryGrain(
    [PersistentState(StateNames.ApiKeyDirectory, StorageNames.Business)] IPersistentState<ApiKeyDirectoryState> state)
    : Grain, IApiKeyDirectoryGrain
{
    private const int PageSize = 10_000;

    private HashSet<string> _known = new(StringComparer.Ordinal);
    private HashSet<string> _revoked = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _known = new HashSet<string>(state.State.LookupIds, StringComparer.Ordinal);
        _revoked = new HashSet<string>(state.State.RevokedKeyIds, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public async Task Add(IReadOnlyList<string> lookupIds)
    {
        var added = lookupIds.Where(_known.Add).ToList();
        if (added.Count == 0)
        {
            return;
        }

        // A failed write drops this activation, so the next one reloads what is durable and a retry adds them again.
        state.State.LookupIds.AddRange(added);
        await state.WriteOrDropAsync(this);
    }

    public async Task Revoke(string keyId)
    {
        if (!_revoked.Add(keyId))
        {
            return;
        }

        state.State.RevokedKeyIds.Add(keyId);
        await state.WriteOrDropAsync(this);
    }

    public Task<ApiKeyDirectoryPage> Since(int position) => Task.FromResult(PageOf(state.State.LookupIds, position));

    public Task<ApiKeyDirectoryPage> RevokedSince(int position) => Task.FromResult(PageOf(state.State.RevokedKeyIds, position));

    private static ApiKeyDirectoryPage PageOf(List<string> ids, int position)
    {
        var from = Math.Clamp(position, 0, ids.Count);
        var page = ids.GetRange(from, Math.Min(PageSize, ids.Count - from));
        return new ApiKeyDirectoryPage(page, from + page.Count);
    }
}
