using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Units.V1;
using StackExchange.Redis;

namespace OpenDay.EndToEnd.Tests;

/// <summary>The anonymous listing of open days through the gateway: what the public sees, at once, with or without Redis.</summary>
[Collection(StackCollection.Name)]
public class PublicListingTests(OpenDayStack stack)
{
    [Fact]
    public async Task Only_published_events_of_active_units_appear_and_every_edit_shows_at_once()
    {
        var tag = Tag();
        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        var draft = await CreateAsync(gaoqiao, tag, "2026-10-12");
        var cancelled = await CreateAsync(gaoqiao, tag, "2026-10-13");
        var published = await CreateAsync(gaoqiao, tag, "2026-10-14");
        Assert.Empty(await PublicIdsAsync(tag)); // all drafts

        await MoveAsync(gaoqiao, published, EventStatus.Published);
        await MoveAsync(gaoqiao, cancelled, EventStatus.Published);
        Assert.Equal([cancelled, published], await PublicIdsAsync(tag, "&order=PUBLIC_EVENT_ORDER_START")); // 10-13, then 10-14

        await MoveAsync(gaoqiao, cancelled, EventStatus.Cancelled, "改期");
        Assert.Equal([published], await PublicIdsAsync(tag));

        using var anonymous = stack.Gateway();
        var detail = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/events/{published}");
        Assert.Equal("高桥镇人民政府", detail.GetProperty("unitName").GetString());
        using var hidden = await anonymous.GetAsync($"/api/v1/public/events/{draft}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        // A retired unit's open days leave the listing.
        var county = new Clients(stack, "county.admin");
        var code = $"ps-{Guid.NewGuid():N}"[..14];
        await county.Units.CreateUnitAsync(new CreateUnitRequest { Code = code, Name = "临时乡镇", Kind = UnitKind.Township }, await county.Call());
        var staff = Clients.ForgedUnitAdmin(stack, code);
        var theirs = (await staff.Events.CreateEventAsync(NewEvent(tag, "2026-10-15"), await staff.Call())).Id;
        await staff.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = theirs, Status = EventStatus.Published }, await staff.Call());
        Assert.Contains(theirs, await PublicIdsAsync(tag));
        await county.Units.RetireUnitAsync(new RetireUnitRequest { Code = code }, await county.Call());
        Assert.DoesNotContain(theirs, await PublicIdsAsync(tag));
    }

    [Fact]
    public async Task The_public_filters_by_date_unit_kind_and_form()
    {
        var tag = Tag();
        var township = new Clients(stack, "gaoqiao.admin");
        var department = new Clients(stack, "housing.admin");
        var inOctober = await CreateAsync(township, tag, "2026-10-05", EventForm.VisitSites);
        var lateOctober = await CreateAsync(department, tag, "2026-10-28", EventForm.AttendMeeting);
        await MoveAsync(township, inOctober, EventStatus.Published);
        await MoveAsync(department, lateOctober, EventStatus.Published);

        Assert.Equal([inOctober], await PublicIdsAsync(tag, "&toDate=2026-10-10"));
        Assert.Equal([lateOctober], await PublicIdsAsync(tag, "&fromDate=2026-10-20"));
        Assert.Equal([lateOctober], await PublicIdsAsync(tag, "&unitKind=UNIT_KIND_COUNTY_DEPARTMENT"));
        Assert.Equal([inOctober], await PublicIdsAsync(tag, "&form=EVENT_FORM_VISIT_SITES"));
        Assert.Equal([lateOctober, inOctober], await PublicIdsAsync(tag)); // newest first
    }

    [Fact]
    public async Task With_Redis_stopped_the_listing_answers_from_the_database_and_the_cache_returns_with_Redis()
    {
        var tag = Tag();
        var unit = new Clients(stack, "yicheng.admin");
        var before = await CreateAsync(unit, tag, "2026-10-16");
        await MoveAsync(unit, before, EventStatus.Published);
        Assert.Equal([before], await PublicIdsAsync(tag)); // now cached

        await stack.App.ResourceCommands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand);
        try
        {
            var during = await CreateAsync(unit, tag, "2026-10-17");
            await MoveAsync(unit, during, EventStatus.Published);
            Assert.Equal([during, before], await PublicIdsAsync(tag));
        }
        finally
        {
            await stack.App.ResourceCommands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand);
            await stack.WaitAllHealthyAsync(TimeSpan.FromMinutes(2));
        }

        // Back with Redis: still right (the change made while it was away is not hidden by an old entry), and cached
        // again once the service has reconnected.
        Assert.Equal(2, (await PublicIdsAsync(tag)).Count);
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await stack.App.GetConnectionStringAsync("redis"))!);
        var server = redis.GetServers().Single();
        var cached = await Eventually.ReturnsAsync(async () =>
        {
            Assert.Equal(2, (await PublicIdsAsync(tag)).Count);
            return await server.KeysAsync(pattern: "openday:public:events:*").CountAsync();
        }, count => count > 0);
        Assert.True(cached > 0, "the listing is cached in Redis again");
    }

    private static string Tag() => $"公开{Guid.NewGuid():N}"[..12];

    private async Task<List<string>> PublicIdsAsync(string tag, string query = "")
    {
        using var anonymous = stack.Gateway();
        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/events?themeContains={Uri.EscapeDataString(tag)}&pageSize=100{query}");
        return list.TryGetProperty("events", out var events) ? events.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList() : [];
    }

    private static async Task<string> CreateAsync(Clients unit, string tag, string day, EventForm form = EventForm.Forum) =>
        (await unit.Events.CreateEventAsync(NewEvent(tag, day, form), await unit.Call())).Id;

    private static async Task MoveAsync(Clients unit, string id, EventStatus status, string reason = "") =>
        await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = id, Status = status, Reason = reason }, await unit.Call());

    private static CreateEventRequest NewEvent(string tag, string day, EventForm form = EventForm.Forum)
    {
        var request = EventRequests.New($"开放日 {tag}", DateTime.SpecifyKind(DateTime.Parse(day).AddHours(1), DateTimeKind.Utc), form: form);
        request.Theme = $"优化营商环境 {tag}";
        request.PublicSignup = true;
        return request;
    }
}
