namespace Quartermaster.Persistence.Tests.Infrastructure;

/// <summary>Class fixture: hands out new empty databases and drops every one of them after the class.</summary>
public sealed class FreshDatabases : IAsyncLifetime
{
    private readonly List<string> _created = [];
    private readonly Lock _gate = new();

    public async Task<string> CreateAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        lock (_gate)
        {
            _created.Add(connectionString);
        }

        return connectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connectionString in _created)
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
