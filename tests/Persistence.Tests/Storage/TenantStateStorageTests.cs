using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Grains.Tenants;
using Quartermaster.Persistence.Hosting;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// Tenants read on the same silo keep their own settings. A chaos run once saw orders of two tenants expire
/// after the 10 s of a third: all three were read back from the table after a silo died, and every read wrote
/// into the one default settings object their states started from.
/// </summary>
public sealed class TenantStateStorageTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Tenants_read_one_after_another_keep_their_own_settings()
    {
        await using var source = PostgresDataSource.Create(database.ConnectionString);
        var table = new GenericStateTable(source, TestFlusher.For(source));
        await table.WriteAsync("tenant/tenant", "slow", Tenant("slow", 900));
        await table.WriteAsync("tenant/tenant", "quick", Tenant("quick", 10));

        var slow = new GrainState<TenantState>(new TenantState());
        var quick = new GrainState<TenantState>(new TenantState());
        await table.ReadAsync("tenant/tenant", "slow", slow);
        await table.ReadAsync("tenant/tenant", "quick", quick);

        Assert.Equal(900, slow.State!.Settings.ReservationTtlSeconds);
        Assert.Equal(10, quick.State!.Settings.ReservationTtlSeconds);
        Assert.Equal(900, new TenantState().Settings.ReservationTtlSeconds);
        Assert.Equal(900, TenantSettings.Default.ReservationTtlSeconds);
    }

    private static GrainState<TenantState> Tenant(string name, int reservationTtlSeconds) => new(new TenantState
    {
        Name = name,
        Settings = new TenantSettings { ReservationTtlSeconds = reservationTtlSeconds },
        Version = 1,
    });
}
