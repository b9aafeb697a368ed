using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Reminders;

/// <summary>
/// Our reminder queries driven through Orleans' own AdoNetReminderTable: upsert with a fresh etag per write,
/// reads by grain and by name, removal only at the etag read, and range reads over the uint hash ring.
/// </summary>
public sealed class ReminderTableContractTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_reminder_round_trips_and_every_write_gives_a_new_etag()
    {
        await using var reminders = await ReminderTableFactory.CreateAsync(database.ConnectionString, NewServiceId());
        var table = reminders.Table;
        var grain = GrainId.Create("probe", "round-trip");
        var start = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

        var first = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "expire", StartAt = start, Period = Minute });
        var read = await table.ReadRow(grain, "expire");

        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("expire", read.ReminderName);
        Assert.Equal(start, read.StartAt);
        Assert.Equal(Minute, read.Period);
        Assert.Equal(first, read.ETag);

        var second = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "expire", StartAt = start, Period = TimeSpan.FromDays(40) });
        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromDays(40), (await table.ReadRow(grain, "expire"))!.Period);
        Assert.Null(await table.ReadRow(grain, "no-such-reminder"));
    }

    [Fact]
    public async Task Removal_needs_the_current_etag()
    {
        await using var reminders = await ReminderTableFactory.CreateAsync(database.ConnectionString, NewServiceId());
        var table = reminders.Table;
        var grain = GrainId.Create("probe", "removal");
        var stale = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = Minute });
        var current = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = Minute });

        Assert.False(await table.RemoveRow(grain, "r", stale!));
        Assert.NotNull(await table.ReadRow(grain, "r"));
        Assert.True(await table.RemoveRow(grain, "r", current!));
        Assert.Null(await table.ReadRow(grain, "r"));
        Assert.False(await table.RemoveRow(grain, "r", current!));
    }

    [Fact]
    public async Task Reads_by_grain_see_only_that_grain_and_service()
    {
        var serviceId = NewServiceId();
        await using var reminders = await ReminderTableFactory.CreateAsync(database.ConnectionString, serviceId);
        await using var otherService = await ReminderTableFactory.CreateAsync(database.ConnectionString, NewServiceId());
        var grain = GrainId.Create("probe", "by-grain");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await reminders.Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = name, StartAt = DateTime.UtcNow, Period = Minute });
        }

        await reminders.Table.UpsertRow(new ReminderEntry { GrainId = GrainId.Create("probe", "other"), ReminderName = "a", StartAt = DateTime.UtcNow, Period = Minute });
        await otherService.Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "z", StartAt = DateTime.UtcNow, Period = Minute });

        var rows = await reminders.Table.ReadRows(grain);

        Assert.Equal(["a", "b", "c"], rows.Reminders.Select(r => r.ReminderName).Order());

        await reminders.Table.TestOnlyClearTable();
        Assert.Empty((await reminders.Table.ReadRows(grain)).Reminders);
        Assert.Single((await otherService.Table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task Range_reads_return_exactly_the_ring_range_begin_exclusive_end_inclusive()
    {
        await using var reminders = await ReminderTableFactory.CreateAsync(database.ConnectionString, NewServiceId());
        var table = reminders.Table;
        var grains = Enumerable.Range(0, 48).Select(i => GrainId.Create("probe", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = Minute });
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        Assert.Contains(hashes, h => h < 0x8000_0000u);
        Assert.Contains(hashes, h => h >= 0x8000_0000u);
        uint[] edges = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF];
        var points = edges.Concat(hashes.Where((_, i) => i % 6 == 0).SelectMany(h => new[] { h, h - 1 })).Distinct().ToList();

        foreach (var begin in points)
        {
            foreach (var end in points)
            {
                var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
                var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order();
                Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}] returned the wrong reminders");
            }
        }
    }

    /// <summary>Orleans' ring range: (begin, end] going up, wrapping past uint.MaxValue; begin = end is the whole ring.</summary>
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static string NewServiceId() => $"service-{Guid.NewGuid():N}";
}
