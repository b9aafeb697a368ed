namespace Quartermaster.ApiFrontend.Tests.Contract;

/// <summary>
/// Sits in every test client of the fixture: each response to an operation of the document is checked
/// against that document (served by the same host), and a contradiction fails the test that received it.
/// </summary>
public sealed class ContractCheckingHandler(Func<Task<OpenApiContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            return response;
        }

        // A Server-Sent Events stream never ends: its status, type and headers are checked, its body is read by the test.
        var streaming = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        if (!streaming)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var body = streaming ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
        var violations = (await contract()).Check(request.Method.Method, path, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, response.Headers, body);
        if (violations.Count > 0)
        {
            throw new ContractViolationException("The response contradicts the OpenAPI document:\n" + string.Join("\n", violations));
        }

        return response;
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
