using Npgsql;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The baselines' own PostgreSQL pool, apart from any the host registers, so the engines never wait on
/// Quartermaster's connections (nor it on theirs).
/// </summary>
internal sealed class BaselineDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
