using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Quartermaster.ApiFrontend.Tests.Contract;

/// <summary>
/// The served OpenAPI document as a checker of responses: the operation a request names, whether the status
/// is declared, the content type, the required headers and the body against the response's schema.
/// </summary>
public sealed class OpenApiContract
{
    private readonly List<Operation> _operations;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public OpenApiContract(JsonNode document)
    {
        Document = document;
        // The component schemas become $defs of each response schema, so the schemas stand alone.
        _definitions = (JsonObject)RewriteReferences(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject());
        _operations = (document["paths"]?.AsObject() ?? [])
            .SelectMany(path => path.Value!.AsObject().Select(op => new Operation(op.Key.ToUpperInvariant(), path.Key, Matcher(path.Key), op.Value!)))
            // Literal segments win over parameters (/stock/transfers over /stock/{sku}).
            .OrderByDescending(op => op.Template.Split('/').Count(segment => !segment.StartsWith('{')))
            .ToList();
    }

    public JsonNode Document { get; }

    /// <summary>The operation's "METHOD /template", or null when the document has no operation for the request.</summary>
    public string? OperationOf(string method, string path) =>
        Find(method, path) is { } operation ? $"{operation.Method} {operation.Template}" : null;

    /// <summary>What about the response contradicts the document; empty when it agrees or the request names no operation.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? mediaType, HttpResponseHeaders headers, string body)
    {
        if (Find(method, path) is not { } operation)
        {
            return [];
        }

        var where = $"{operation.Method} {operation.Template} -> {status}";
        var responses = operation.Definition["responses"]?.AsObject();
        var declared = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (declared is null)
        {
            return [$"{where}: status not declared"];
        }

        declared = Resolve(declared);
        var violations = new List<string>();
        foreach (var (name, header) in declared["headers"]?.AsObject() ?? [])
        {
            if (Resolve(header!)["required"]?.GetValue<bool>() == true && !headers.Contains(name))
            {
                violations.Add($"{where}: required header {name} missing");
            }
        }

        var content = declared["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            if (body.Length > 0)
            {
                violations.Add($"{where}: a body where none is declared");
            }

            return violations;
        }

        if (mediaType is null || content[mediaType] is not { } media)
        {
            violations.Add($"{where}: content type {mediaType ?? "(none)"} not declared (declared: {string.Join(", ", content.Select(c => c.Key))})");
            return violations;
        }

        if (media["schema"] is { } schema && mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            violations.AddRange(Validate($"{where} {mediaType}", schema, body));
        }

        return violations;
    }

    private IEnumerable<string> Validate(string where, JsonNode schema, string body)
    {
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException error)
        {
            return [$"{where}: the body is not JSON ({error.Message})"];
        }

        var compiled = _schemas.GetOrAdd(where, _ => JsonSchema.FromText(new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _definitions.DeepClone(),
            ["allOf"] = new JsonArray(RewriteReferences(schema.DeepClone())),
        }.ToJsonString()));
        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{where}: {d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)} in {body}")
                .DefaultIfEmpty($"{where}: does not match its schema: {body}");
    }

    private JsonNode Resolve(JsonNode node)
    {
        var reference = node["$ref"]?.GetValue<string>();
        if (reference is null)
        {
            return node;
        }

        JsonNode? target = Document;
        foreach (var segment in reference.TrimStart('#', '/').Split('/'))
        {
            target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return target ?? throw new InvalidOperationException($"Unresolved reference {reference}.");
    }

    private Operation? Find(string method, string path) =>
        _operations.FirstOrDefault(op => op.Method == method && op.Matcher.IsMatch(path));

    private static Regex Matcher(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "/?$", RegexOptions.CultureInvariant);

    private static JsonNode RewriteReferences(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } reference)
                    {
                        obj[key] = reference.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    }
                    else if (value is not null)
                    {
                        RewriteReferences(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    RewriteReferences(item);
                }

                break;
        }

        return node;
    }

    private sealed record Operation(string Method, string Template, Regex Matcher, JsonNode Definition);
}
