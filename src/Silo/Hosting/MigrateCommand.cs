using Quartermaster.Persistence.Migrations;
using Quartermaster.ServiceDefaults.Hosting;

namespace Quartermaster.Silo.Hosting;

/// <summary>`Quartermaster.Silo migrate`: applies the database migrations and exits (the Kubernetes migration Job).</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = logging.CreateLogger("Quartermaster.Migrate");
        // Only the database: migrating never touches Redis, so an operator need not give it here.
        if (StorageConnections.PostgresOf(configuration) is not { } postgres)
        {
            await Console.Error.WriteLineAsync("migrate: set ConnectionStrings__Postgres first.");
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var report = await Migrator.MigrateAsync(postgres, logger, stop.Token);
        Console.WriteLine($"migrate: {report}");
        if (report.Applied.Count + report.AlreadyApplied.Count == 0)
        {
            // A build without its scripts would leave a database the silos cannot use: fail the Job instead.
            await Console.Error.WriteLineAsync("migrate: no migration scripts are embedded in this build.");
            return 1;
        }

        return 0;
    }
}
