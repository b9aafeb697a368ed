using System.Net;
using System.Text;
using System.Text.Json;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>Requests and responses the way the tests need them: raw JSON in, typed or asserted JSON out.</summary>
public static class HttpCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpRequestMessage Request(HttpMethod method, string path, string? rawJson = null, string? idempotencyKey = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Json);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body, string? idempotencyKey = null, string? ifMatch = null) =>
        client.SendAsync(Request(method, path, body is null ? null : body as string ?? Serialize(body), idempotencyKey, ifMatch));

    /// <summary>A write with one conditional header (If-Match or If-None-Match) as sent, unchecked.</summary>
    public static Task<HttpResponseMessage> SendConditionalAsync(this HttpClient client, HttpMethod method, string path, object? body, string header, string value)
    {
        var request = Request(method, path, body is null ? null : body as string ?? Serialize(body));
        request.Headers.TryAddWithoutValidation(header, value);
        return client.SendAsync(request);
    }

    /// <summary>Asserts the status (showing the body when it differs) and reads the body as T.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException("The body is null.");
    }

    public static async Task<T> ReadOkAsync<T>(this HttpResponseMessage response) => await response.ReadAsync<T>(HttpStatusCode.OK);

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string path) => await (await client.GetAsync(path)).ReadOkAsync<T>();

    public static string Query(string value) => Uri.EscapeDataString(value);
}
