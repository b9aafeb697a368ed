using System.Text.Json;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.ApiFrontend.Idempotency;

/// <summary>
/// Endpoint metadata: the success response carries a secret that is shown once. It is kept sealed for replays
/// (the response store is Redis, kept for a day, and must not hold the secret in the clear); if the seal can no
/// longer be opened, a replay gets <see cref="Redacted"/> instead: the resource was already made, named by
/// <paramref name="idField"/> of the first response.
/// </summary>
public sealed class SecretInResponse(string idField)
{
    public string IdField { get; } = idField;

    /// <param name="routeValues">Where the id is when the response does not carry it (a rotated secret names only itself).</param>
    public StoredResponse Redacted(StoredResponse original, RouteValueDictionary routeValues)
    {
        var id = routeValues.TryGetValue(IdField, out var routeId) ? routeId as string : null;
        try
        {
            using var document = JsonDocument.Parse(original.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(IdField, out var value) && value.ValueKind == JsonValueKind.String)
            {
                id ??= value.GetString();
            }
        }
        catch (JsonException)
        {
            // No id to name: the replay still says what happened.
        }

        var problem = new Dictionary<string, object?>
        {
            ["type"] = ApiProblems.TypeBase + ProblemCodes.Conflict,
            ["title"] = "Already done.",
            ["status"] = StatusCodes.Status409Conflict,
            ["detail"] = "The first request with this Idempotency-Key was done, and the secret its response showed can no longer be shown. "
                + "Revoke or rotate it if the secret was lost.",
            ["code"] = ProblemCodes.Conflict,
            [IdField] = id,
        };
        var headers = original.Headers.Where(h => h.Key == "Location").ToDictionary(h => h.Key, h => h.Value);
        return new StoredResponse(StatusCodes.Status409Conflict, "application/problem+json", headers, JsonSerializer.SerializeToUtf8Bytes(problem));
    }
}
