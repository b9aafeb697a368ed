using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Client.Problems;

namespace Quartermaster.Client.Http;

/// <summary>Sends one logical call: JSON in and out, an Idempotency-Key on every POST, problems thrown as exceptions.</summary>
internal sealed class ApiTransport(HttpClient http)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CallHeaders headers, CancellationToken cancellationToken) =>
        (await SendTaggedAsync<T>(method, path, body, headers, cancellationToken)).Value;

    public async Task<Tagged<T>> SendTaggedAsync<T>(HttpMethod method, string path, object? body, CallHeaders headers, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, headers, cancellationToken);
        var value = await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken)
            ?? throw new JsonException($"{method} {path} answered {(int)response.StatusCode} with no body.");
        return new Tagged<T>(value, response.Headers.ETag?.ToString());
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, CallHeaders headers, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, headers, cancellationToken);
    }

    /// <summary>A probe: whether it answers 2xx, without the retries a call would have (a probe reports, it does not wait).</summary>
    public async Task<bool> SucceedsAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Options.Set(RetryPolicy.NoRetry, true);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CallHeaders headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // HttpContent is sent as it is (an import's file); its retries need a stream that can seek back.
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: ClientJson.Options);
        }

        if (method == HttpMethod.Post)
        {
            // One key per logical call: the retry handler re-sends this same message, so every attempt carries it.
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, headers.IdempotencyKey ?? Guid.NewGuid().ToString("N"));
        }

        if (headers.IfMatch is { } ifMatch)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await QuartermasterProblemException.FromResponseAsync(response, cancellationToken);
            }
        }

        return response;
    }
}
