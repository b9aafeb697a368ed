using Npgsql;

namespace Quartermaster.Persistence.Hosting;

/// <summary>
/// The connections a text search runs on, where PostgreSQL plans every statement with its values
/// (<c>plan_cache_mode = force_custom_plan</c>). A search's best plan depends on its text: a word on every tenth
/// product is found fastest by walking the keys in order and stopping at the page, a word on ten products through
/// its trigrams. Prepared on the main pool, the statement would get a generic plan after five runs, one plan for
/// every text, and the searches it does not suit would read much of the catalog (measured on a million products:
/// name-word search p99 838 ms with generic plans, 99.5 ms planned each time). Planning costs about a millisecond.
/// </summary>
public sealed class TextSearchDatabase(string connectionString) : IAsyncDisposable
{
    /// <summary>Searches are interactive and short: a few connections per silo serve them, beside the main pool.</summary>
    public const int MaxConnections = 16;

    public NpgsqlDataSource DataSource { get; } = PostgresDataSource.CreatePlannedPerValue(connectionString, MaxConnections);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
