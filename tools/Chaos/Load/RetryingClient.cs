using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Quartermaster.Chaos.Load;

/// <summary>
/// One tenant's client of both frontends, retrying as a careful client does: on no answer, 5xx, 429 or a
/// 409 "request in progress" it tries again with the same Idempotency-Key through the other frontend,
/// backing off a little, for up to a minute. Every try is recorded. Like a load balancer's passive health
/// check, a frontend that refused a connection is passed over for a few seconds.
/// </summary>
internal sealed class RetryingClient : IDisposable
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PassOverRefusingFrontend = TimeSpan.FromSeconds(5);
    private readonly HttpClient[] _frontends;
    private readonly double[] _refusedUntil;
    private readonly AttemptLog _log;

    public RetryingClient(string tenant, string key, IReadOnlyList<string> frontends, AttemptLog log)
    {
        Tenant = tenant;
        _log = log;
        _frontends = frontends.Select(url => Create(url, key)).ToArray();
        _refusedUntil = new double[_frontends.Length];
    }

    public string Tenant { get; }

    public int FrontendCount => _frontends.Length;

    /// <summary>The final answer, or null when every try failed for a minute (the outcome is unknown).</summary>
    public async Task<Answer?> SendAsync(ApiRequest request, int frontend)
    {
        var started = RunClock.Now;
        var failed = 0;
        if (Volatile.Read(ref _refusedUntil[frontend]) > started)
        {
            frontend = (frontend + 1) % _frontends.Length;
        }

        while (true)
        {
            var answer = await TryOnceAsync(request, frontend);
            if (answer is not null && !Retryable(answer))
            {
                _log.Add(new Operation(Tenant, request.Method.Method, request.Route, started, RunClock.Now, failed, answer.Ok));
                return answer;
            }

            failed++;
            if (RunClock.Now - started > GiveUpAfter.TotalSeconds)
            {
                _log.Add(new Operation(Tenant, request.Method.Method, request.Route, started, null, failed, false));
                return null;
            }

            frontend = (frontend + 1) % _frontends.Length;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 * failed)));
        }
    }

    private async Task<Answer?> TryOnceAsync(ApiRequest request, int frontend)
    {
        var started = RunClock.Now;
        var ticket = _log.Sending();
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is not null)
        {
            message.Content = JsonContent.Create(request.Body);
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        }

        try
        {
            using var response = await _frontends[frontend].SendAsync(message);
            var body = await ReadJsonAsync(response);
            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
            Record(ticket, request, started, (int)response.StatusCode, response.IsSuccessStatusCode ? null : code, frontend);
            return new Answer((int)response.StatusCode, body);
        }
        catch (HttpRequestException error)
        {
            if (error.HttpRequestError == HttpRequestError.ConnectionError)
            {
                Volatile.Write(ref _refusedUntil[frontend], RunClock.Now + PassOverRefusingFrontend.TotalSeconds);
            }

            Record(ticket, request, started, 0, error.HttpRequestError.ToString(), frontend);
        }
        catch (TaskCanceledException)
        {
            Record(ticket, request, started, 0, "client_timeout", frontend);
        }

        return null;
    }

    private void Record(long ticket, ApiRequest request, double started, int status, string? code, int frontend) =>
        _log.Add(ticket, new Attempt(started, (RunClock.Now - started) * 1000, Tenant, request.Method.Method, request.Route, request.Path, status, code, frontend));

    private static bool Retryable(Answer answer) =>
        answer.Status is >= 500 or 429 or 408 ||
        (answer.Status == 409 && answer.Body.ValueKind == JsonValueKind.Object &&
         answer.Body.TryGetProperty("code", out var code) && code.GetString() == "conflict");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return default;
        }

        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static HttpClient Create(string baseUrl, string key)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), ConnectTimeout = TimeSpan.FromSeconds(3) };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = AttemptTimeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public void Dispose()
    {
        foreach (var http in _frontends)
        {
            http.Dispose();
        }
    }
}
