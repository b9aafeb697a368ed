using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Quartermaster.Deployment.Tests.Infrastructure;

namespace Quartermaster.Deployment.Tests;

/// <summary>
/// The Kubernetes roles as processes on loopback, each started with the command, working directory and
/// environment the dev overlay gives it (only the Secret values and the ports are the test's own):
/// the migration Job, then a silo, then a frontend, on a real PostgreSQL and Redis
/// (QUARTERMASTER_TEST_POSTGRES / QUARTERMASTER_TEST_REDIS, as scripts/test provides).
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class EndToEndTests(ImageBuild image, Manifests manifests)
{
    private const string Overlay = "dev";
    private const string AdminKey = "deployment-tests-admin-key-0001";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Migration_silo_and_frontend_run_from_the_manifests()
    {
        var database = await CreateDatabaseAsync(Required("QUARTERMASTER_TEST_POSTGRES"));
        try
        {
            var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ConnectionStrings__Postgres"] = database,
                ["ConnectionStrings__Redis"] = Required("QUARTERMASTER_TEST_REDIS") + ",abortConnect=false",
                ["QUARTERMASTER_ADMIN_KEY"] = AdminKey,
                ["Webhooks__SecretKey"] = Convert.ToBase64String(new byte[32]),
            };
            var siloHttp = Processes.FreePort();
            var ports = ImageTests.FreeOrleansPorts(siloHttp);

            var migrate = Manifests.Container(manifests.Get(Overlay, "Job", "quartermaster-migrate"), "migrate");
            var migration = await Processes.RunAsync(
                Manifests.Strings(migrate["command"]), image.ImagePath((string)migrate["workingDir"]!),
                ContainerEnvironment.Resolve(manifests, Overlay, migrate, secrets, new Dictionary<string, string>()), TimeSpan.FromMinutes(2));
            Assert.True(migration.ExitCode == 0, migration.Output);

            var siloDeployment = manifests.Get(Overlay, "Deployment", "quartermaster-silo");
            await using var silo = Start(siloDeployment, "silo", secrets, ports);
            await Health.WaitForOkAsync($"http://127.0.0.1:{siloHttp}/readyz", silo, StartDeadline);

            var frontendHttp = Processes.FreePort();
            var frontendDeployment = manifests.Get(Overlay, "Deployment", "quartermaster-frontend");
            await using var frontend = Start(frontendDeployment, "frontend", secrets,
                new Dictionary<string, string>(ports) { ["ASPNETCORE_HTTP_PORTS"] = frontendHttp.ToString(CultureInfo.InvariantCulture) });
            await Health.WaitForOkAsync($"http://127.0.0.1:{frontendHttp}/readyz", frontend, StartDeadline);

            foreach (var http in new[] { siloHttp, frontendHttp })
            {
                var check = await Health.RunImageHealthCheckAsync(image, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = http.ToString(CultureInfo.InvariantCulture) });
                Assert.True(check.ExitCode == 0, check.Output);
            }

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{frontendHttp}") };
            client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
            using var created = await client.PostAsJsonAsync("/api/v1/admin/tenants", new { tenantId = "deploy", name = "Deployment test" });
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{frontend.Output}");

            Assert.Equal(0, await frontend.TerminateAsync(Grace(frontendDeployment)));
            Assert.Equal(0, await silo.TerminateAsync(Grace(siloDeployment)));
        }
        finally
        {
            await DropDatabaseAsync(Required("QUARTERMASTER_TEST_POSTGRES"), database);
        }
    }

    private RunningProcess Start(JsonObject deployment, string name, Dictionary<string, string> secrets, IReadOnlyDictionary<string, string> ports)
    {
        var container = Manifests.Container(deployment, name);
        var environment = ContainerEnvironment.Resolve(manifests, Overlay, container, secrets, ports);
        return RunningProcess.Start(Manifests.Strings(container["command"]), image.ImagePath((string)container["workingDir"]!), environment);
    }

    [Fact]
    public async Task The_migration_needs_only_the_database_and_says_so_when_it_is_missing()
    {
        var migrate = Manifests.Container(manifests.Get(Overlay, "Job", "quartermaster-migrate"), "migrate");
        var command = Manifests.Strings(migrate["command"]);
        var directory = image.ImagePath((string)migrate["workingDir"]!);
        var database = await CreateDatabaseAsync(Required("QUARTERMASTER_TEST_POSTGRES"));
        try
        {
            var missing = await Processes.RunAsync(command, directory, new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
            var migrated = await Processes.RunAsync(command, directory,
                new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database }, TimeSpan.FromMinutes(2));

            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("set ConnectionStrings__Postgres", missing.Output, StringComparison.Ordinal);
            Assert.True(migrated.ExitCode == 0, migrated.Output);
            Assert.Contains("migrate: applied", migrated.Output, StringComparison.Ordinal);
        }
        finally
        {
            await DropDatabaseAsync(Required("QUARTERMASTER_TEST_POSTGRES"), database);
        }
    }

    private static TimeSpan Grace(JsonObject deployment) =>
        TimeSpan.FromSeconds((int)deployment["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!);

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: this test needs PostgreSQL and Redis; run it through scripts/test.");

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = $"qm_deploy_{Guid.NewGuid():N}"[..22];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
