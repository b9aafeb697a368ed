using System.Text.Json;
using System.Text.Json.Nodes;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests.Client;

/// <summary>
/// The .NET client's types are generated from src/Client/OpenApi/quartermaster-v1.json at build time; this keeps that
/// snapshot equal to what the service serves, so the client cannot drift from the service. After a change of the
/// API, run this test with QUARTERMASTER_REFRESH_OPENAPI_SNAPSHOT=1 to rewrite the snapshot, and commit it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiSnapshotTests(ApiFixture fixture)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_client_snapshot_is_the_document_the_service_serves()
    {
        using var http = fixture.Anonymous();
        var served = Normalize(JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!);
        var path = Path.Combine(RepositoryRoot(), "src", "Client", "OpenApi", "quartermaster-v1.json");
        if (Environment.GetEnvironmentVariable("QUARTERMASTER_REFRESH_OPENAPI_SNAPSHOT") == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(Indented) + "\n");
        }

        var snapshot = Normalize(JsonNode.Parse(await File.ReadAllTextAsync(path))!);
        Assert.True(JsonNode.DeepEquals(served, snapshot),
            $"{path} differs from the served /openapi/v1.json; rerun with QUARTERMASTER_REFRESH_OPENAPI_SNAPSHOT=1 and commit it.");
    }

    /// <summary>Drops what depends on the host that served it (its URL).</summary>
    private static JsonNode Normalize(JsonNode document)
    {
        document.AsObject().Remove("servers");
        return document;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
