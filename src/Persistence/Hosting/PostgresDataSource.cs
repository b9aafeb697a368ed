using Npgsql;

namespace Quartermaster.Persistence.Hosting;

/// <summary>The one way this service opens PostgreSQL, so the silo's storage and health checks agree.</summary>
public static class PostgresDataSource
{
    /// <summary>
    /// Statements run thousands of times a second with the same text: unless the connection string says
    /// otherwise, let Npgsql prepare them after their second use, sparing the server a parse and plan each time.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString) => Builder(connectionString).Build();

    /// <summary>
    /// The same settings for a pool of at most <paramref name="maxConnections"/> whose sessions plan every statement
    /// with its values (<c>plan_cache_mode = force_custom_plan</c>): for statements whose best plan depends on them.
    /// </summary>
    public static NpgsqlDataSource CreatePlannedPerValue(string connectionString, int maxConnections)
    {
        var builder = Builder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.Options = $"{settings.Options} -c plan_cache_mode=force_custom_plan".Trim();
        settings.MaxPoolSize = Math.Min(settings.MaxPoolSize, maxConnections);
        settings.MinPoolSize = Math.Min(settings.MinPoolSize, settings.MaxPoolSize);
        return builder.Build();
    }

    private static NpgsqlDataSourceBuilder Builder(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        // Nothing here keeps session state (locks are transaction-scoped, no SET, LISTEN or temporary tables), so
        // resetting a connection on every return to the pool is pure cost: five statements and a commit per checkout.
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        // Every statement here is short. PostgreSQL compiles one whose estimated cost passes jit_above_cost, and the
        // estimate of a statement that stops at its page is the cost of reading to the end: a product search that ran
        // in 0.7 ms spent 20 ms compiling (60-170 ms with four at once on two cores). Options given in the connection
        // string come after this and win.
        builder.ConnectionStringBuilder.Options = $"-c jit=off {builder.ConnectionStringBuilder.Options}".Trim();

        // The group commit learns which write of a flush failed from the statement PostgreSQL names.
        builder.ConnectionStringBuilder.IncludeFailedBatchedCommand = true;
        return builder;
    }
}
