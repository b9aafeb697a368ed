using System.Text.Json;
using Quartermaster.ApiFrontend.Problems;
using Quartermaster.Grains.Abstractions.Idempotency;

namespace Quartermaster.ApiFrontend.Idempotency;

/// <summary>
/// Endpoint metadata: the success response carries a secret that is shown once. Its replay must not show
/// it again (the response store is Redis, kept for a day), so a replay says the resource was already made,
/// naming it by <paramref name="idField"/> of the first response.
/// </summary>
public sealed class SecretInResponse(string idField)
{
    public string IdField { get; } = idField;

    public StoredResponse Redacted(StoredResponse original)
    {
        string? id = null;
        try
        {
            using var document = JsonDocument.Parse(original.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(IdField, out var value) && value.ValueKind == JsonValueKind.String)
            {
                id = value.GetString();
            }
        }
        catch (JsonException)
        {
            // No id to name: the replay still says what happened.
        }

        var problem = new Dictionary<string, object?>
        {
            ["type"] = ApiProblems.TypeBase + ProblemCodes.Conflict,
            ["title"] = "Already created.",
            ["status"] = StatusCodes.Status409Conflict,
            ["detail"] = "The first request with this Idempotency-Key created it; its secret was shown only in that response. "
                + "Revoke or rotate it if the secret was lost.",
            ["code"] = ProblemCodes.Conflict,
            [IdField] = id,
        };
        var headers = original.Headers.Where(h => h.Key == "Location").ToDictionary(h => h.Key, h => h.Value);
        return new StoredResponse(StatusCodes.Status409Conflict, "application/problem+json", headers, JsonSerializer.SerializeToUtf8Bytes(problem));
    }
}
