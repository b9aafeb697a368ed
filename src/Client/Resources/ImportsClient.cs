using System.Net.Http.Headers;
using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>Imports: a CSV or NDJSON file of rows, applied row by row in the background.</summary>
public sealed class ImportsClient
{
    private const string Imports = "api/v1/imports";
    private readonly ApiTransport _api;

    internal ImportsClient(ApiTransport api) => _api = api;

    /// <summary>Sends the file and answers once the service has it all (status running).</summary>
    /// <param name="file">The file; a stream that can seek (a FileStream) lets a retry send it again.</param>
    /// <param name="mediaType">text/csv (with a header row) or application/x-ndjson.</param>
    public async Task<ImportDto> StartAsync(
        ImportKind kind, Stream file, string mediaType, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await _api.SendAsync<ImportDto>(HttpMethod.Post, Paths.WithQuery(Imports, ("kind", kind)), content, new(IdempotencyKey: idempotencyKey), cancellationToken);
    }

    public Task<ImportDto> GetAsync(string importId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ImportDto>(HttpMethod.Get, $"{Imports}/{Paths.Id(importId)}", null, default, cancellationToken);

    /// <summary>Polls the import every <paramref name="poll"/> (one second by default) until it is no longer running.</summary>
    public async Task<ImportDto> WaitAsync(string importId, TimeSpan? poll = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var import = await GetAsync(importId, cancellationToken);
            if (import.Status != ImportRunStatus.Running)
            {
                return import;
            }

            await Task.Delay(poll ?? TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
