using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Chaos.Load;

namespace Quartermaster.Chaos.Checks;

/// <summary>Reads for the checks, after the faults: a read that fails is tried again a few times before it counts.</summary>
internal sealed class CheckClient(string frontend, string key) : IDisposable
{
    private const int Tries = 10;
    private readonly HttpClient _http = ChaosTenant.Client(frontend, key);

    /// <summary>The JSON body, or null for a 404.</summary>
    public async Task<JsonElement?> GetAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync(path);
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                }

                if (attempt >= Tries)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && attempt < Tries)
            {
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public async Task<List<JsonElement>> LedgerAsync(string sku, string warehouseId)
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetAsync($"/api/v1/stock/{sku}/{warehouseId}/movements?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))
                ?? throw new InvalidOperationException($"the ledger of {sku}/{warehouseId} is not found");
            entries.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    public void Dispose() => _http.Dispose();
}
