using System.Net;
using System.Text.Json;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>Asserts RFC 9457 problem responses: media type, type, title, status, detail and the machine-readable code.</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code, bool requireDetail = true)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status,
            $"Expected {(int)status} {code} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("https://quartermaster.dev/problems/" + code, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        foreach (var member in requireDetail ? ["type", "title", "detail"] : new[] { "type", "title" })
        {
            Assert.True(problem.TryGetProperty(member, out var value) && !string.IsNullOrWhiteSpace(value.GetString()),
                $"The problem has no {member}: {body}");
        }

        return problem;
    }

    /// <summary>400 validation_failed whose `errors` names every given field.</summary>
    public static async Task<JsonElement> AssertValidationAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object, $"No errors object: {problem}");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors does not name '{field}': {errors}");
            Assert.True(messages.GetArrayLength() > 0, $"errors.{field} has no message.");
        }

        return problem;
    }

    /// <summary>Whether a body is a 400 validation_failed problem naming the field: for tests that list every miss before failing.</summary>
    public static bool IsValidationNaming(string body, string field)
    {
        var problem = JsonDocument.Parse(body).RootElement;
        return problem.TryGetProperty("code", out var code) && code.GetString() == "validation_failed"
            && problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
    }
}
