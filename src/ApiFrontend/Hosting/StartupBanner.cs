namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>What a developer needs after `dotnet run`. Written to the console, never to the logs, since it holds keys.</summary>
internal static class StartupBanner
{
    /// <param name="adminKey">Shown only when it was made up at start; a configured key is the operator's already.</param>
    public static void Print(TextWriter output, IEnumerable<string> urls, string? adminKey, string demoKey, bool development)
    {
        var url = urls.FirstOrDefault() ?? "http://localhost:5080";
        output.WriteLine();
        if (!development)
        {
            output.WriteLine("!!! DEMO MODE - NOT FOR PRODUCTION: in-memory state, lost on exit; the demo tenant's key is printed below. !!!");
        }

        output.WriteLine("Quartermaster is running (embedded development mode: one silo, in-memory state).");
        output.WriteLine($"  API         {url}/api/v1");
        output.WriteLine($"  API docs    {url}/scalar   (OpenAPI: {url}/openapi/v1.json)");
        output.WriteLine($"  Health      {url}/health");
        output.WriteLine($"  Admin key   {adminKey ?? "(the configured one)"}");
        output.WriteLine($"  Demo tenant {DevelopmentSeeder.TenantId}, key {demoKey}");
        output.WriteLine($"  Try         curl -H 'Authorization: Bearer {demoKey}' {url}/api/v1/stock/widget/{DevelopmentSeeder.WarehouseId}");
        output.WriteLine();
    }
}
