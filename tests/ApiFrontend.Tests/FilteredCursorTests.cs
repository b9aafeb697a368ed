using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// A list's `nextCursor` continues the list it came from, filters included: a client may follow it alone or with the
/// same filters again, never with other filters; cursors of earlier releases (a position only) keep the request's filters.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FilteredCursorTests(ApiFixture fixture)
{
    private const int PageSize = 2;

    public static TheoryData<string> Lists => new(FilteredList.All.Select(list => list.Name));

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task FollowingNextCursorAloneKeepsTheFilters(string name)
    {
        var (tenant, list, path, expected) = await SeededAsync(name);
        // Any limit may follow a cursor: limit is not a filter.
        var walked = await WalkAsync(tenant, path, list, cursor => $"cursor={Query(cursor)}&limit={PageSize + 1}");
        Assert.Equal(expected, walked);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task RepeatingTheFiltersWithTheCursorGivesTheSameList(string name)
    {
        var (tenant, list, path, expected) = await SeededAsync(name);
        var walked = await WalkAsync(tenant, path, list, cursor => $"{list.Filters}&cursor={Query(cursor)}&limit={PageSize}");
        Assert.Equal(expected, walked);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task ACursorFollowedWithOtherFiltersIsRefusedNamingCursor(string name)
    {
        var (tenant, list, path, _) = await SeededAsync(name);
        var filtered = await tenant.Client.GetOkAsync<JsonElement>($"{path}?{list.Filters}&limit={PageSize}");
        var problem = await (await tenant.Client.GetAsync($"{path}?{list.OtherFilters}&cursor={Query(NextCursor(filtered)!)}"))
            .AssertValidationAsync("cursor");
        Assert.Contains("other filters", problem.GetProperty("errors").GetProperty("cursor")[0].GetString(), StringComparison.Ordinal);

        var unfiltered = await tenant.Client.GetOkAsync<JsonElement>($"{path}?limit={PageSize}");
        await (await tenant.Client.GetAsync($"{path}?{list.Filters}&cursor={Query(NextCursor(unfiltered)!)}")).AssertValidationAsync("cursor");
    }

    /// <summary>A filter sent empty is a filter given: it is not the cursor's, so it is refused rather than quietly replaced.</summary>
    [Fact]
    public async Task AFilterSentEmptyBesideACursorIsAFilterGiven()
    {
        var (tenant, list, path, _) = await SeededAsync("customers");
        var filtered = await tenant.Client.GetOkAsync<JsonElement>($"{path}?{list.Filters}&limit={PageSize}");
        await (await tenant.Client.GetAsync($"{path}?q=&cursor={Query(NextCursor(filtered)!)}")).AssertValidationAsync("cursor");
        await tenant.Client.GetOkAsync<JsonElement>($"{path}?q=&{list.Filters}&cursor={Query(NextCursor(filtered)!)}");
    }

    /// <summary>A client mid-walk while the service is upgraded holds a cursor of the earlier form: it still continues.</summary>
    [Theory]
    [MemberData(nameof(Lists))]
    public async Task PositionOnlyCursorsOfEarlierReleasesTakeTheRequestsFilters(string name)
    {
        var (tenant, list, path, expected) = await SeededAsync(name);
        var walked = await WalkAsync(tenant, path, list, cursor => $"{list.Filters}&cursor={Query(PositionOnly(cursor))}&limit={PageSize}");
        Assert.Equal(expected, walked);

        var filtered = await tenant.Client.GetOkAsync<JsonElement>($"{path}?{list.Filters}&limit={PageSize}");
        await tenant.Client.GetOkAsync<JsonElement>($"{path}?cursor={Query(PositionOnly(NextCursor(filtered)!))}");
    }

    /// <summary>Filters compare as the list reads them: the same instant in another offset, a search with spaces around it, types as a set.</summary>
    [Theory]
    [InlineData("orders", "createdFrom=2000-01-01T00:00:00Z", "createdFrom=2000-01-01T01:00:00%2B01:00")]
    [InlineData("stock", "", "low=false")]
    [InlineData("products", "q=red", "q=%20red%20")]
    [InlineData("events", "types=customer.updated,stock.changed", "types=stock.changed,customer.updated")]
    [InlineData("events", "types=customer.*", "types=customer.updated")]
    public async Task FiltersThatMeanTheSameListMayFollowItsCursor(string name, string filters, string sameFilters)
    {
        var (tenant, list, path, _) = await SeededAsync(name);
        var expected = Ids(await tenant.Client.GetOkAsync<JsonElement>($"{path}?{filters}&limit=500"), list);
        var walked = await WalkAsync(tenant, path, filters, list, cursor => $"{sameFilters}&cursor={Query(cursor)}&limit={PageSize}");
        Assert.Equal(expected, walked);
    }

    /// <summary>Cursors that carry filters this API never writes: refused as cursors, not blamed on a filter the request did not send.</summary>
    [Theory]
    [InlineData("c-1\nstatus=blocked", true)]
    [InlineData("c-1\n", true)]
    [InlineData("c-1\nstatus=lost", false)]
    [InlineData("c-1\nq=%20c", false)]
    [InlineData("c-1\nstatus=blocked&q=c", false)]
    [InlineData("c-1\nsort=name", false)]
    [InlineData("c-1\nstatus=blocked&status=blocked", false)]
    [InlineData("c-1\nstatus", false)]
    [InlineData("c 1\nstatus=blocked", false)]
    [InlineData("\nstatus=blocked", false)]
    public async Task ACursorsFiltersAreCheckedAsTheListWritesThem(string text, bool written)
    {
        var (tenant, _, path, _) = await SeededAsync("customers");
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
        var response = await tenant.Client.GetAsync($"{path}?cursor={cursor}");
        if (written)
        {
            await response.ReadOkAsync<JsonElement>();
        }
        else
        {
            var problem = await response.AssertValidationAsync("cursor");
            Assert.Equal(["cursor"], problem.GetProperty("errors").EnumerateObject().Select(field => field.Name));
        }
    }

    /// <summary>The seeded list, and what one page of it holds with the filters: some items but not all of the tenant's.</summary>
    private async Task<(TestTenant Tenant, FilteredList List, string Path, IReadOnlyList<string> Expected)> SeededAsync(string name)
    {
        var list = FilteredList.Named(name);
        var tenant = await fixture.SharedTenantAsync($"cursor-{name}", list.Seed);
        var path = await list.PathOf(tenant);
        var filtered = await tenant.Client.GetOkAsync<JsonElement>($"{path}?{list.Filters}&limit=500");
        var everything = await tenant.Client.GetOkAsync<JsonElement>($"{path}?limit=500");
        var expected = Ids(filtered, list);
        Assert.True(expected.Count > PageSize && expected.Count < Ids(everything, list).Count,
            $"The seed of {name} should give more than a page of filtered items and leave some out: {filtered}");
        return (tenant, list, path, expected);
    }

    /// <summary>The filtered first page, then every page <paramref name="next"/> asks for, until nextCursor is null.</summary>
    private static Task<IReadOnlyList<string>> WalkAsync(TestTenant tenant, string path, FilteredList list, Func<string, string> next) =>
        WalkAsync(tenant, path, list.Filters, list, next);

    private static async Task<IReadOnlyList<string>> WalkAsync(TestTenant tenant, string path, string filters, FilteredList list, Func<string, string> next)
    {
        var page = await tenant.Client.GetOkAsync<JsonElement>($"{path}?{filters}&limit={PageSize}");
        var ids = Ids(page, list).ToList();
        for (var pages = 1; NextCursor(page) is { } cursor; pages++)
        {
            Assert.True(pages < 20, $"Too many pages; so far: {string.Join(", ", ids)}");
            page = await tenant.Client.GetOkAsync<JsonElement>($"{path}?{next(cursor)}");
            ids.AddRange(Ids(page, list));
        }

        return ids;
    }

    private static IReadOnlyList<string> Ids(JsonElement page, FilteredList list) =>
        page.GetProperty("items").EnumerateArray().Select(list.IdOf).ToList();

    private static string? NextCursor(JsonElement page) => page.GetProperty("nextCursor").GetString();

    /// <summary>The cursor as releases before filters were carried wrote it: the position alone, which is the text before a line break.</summary>
    private static string PositionOnly(string cursor)
    {
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text.Split('\n')[0]));
    }

    private static string Query(string value) => HttpCalls.Query(value);
}
