using System.ServiceModel.Syndication;
using System.Xml;
using Ical.Net;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>The portal's feeds for new media and calendars, read with the libraries a subscriber would use.</summary>
[Collection(StackCollection.Name)]
public class FeedTests(OpenDayStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Clients _unit = new(stack, "gaoqiao.admin");

    [Fact]
    public async Task The_calendar_files_parse_and_carry_the_start_and_end_in_Asia_Shanghai()
    {
        var title = $"日历开放日{Guid.NewGuid().ToString("N")[..6]}";
        var eventId = await OpenEvents.CreateAsync(_unit, title: title);
        var created = await _unit.Events.GetEventAsync(new GetEventRequest { Id = eventId }, await _unit.Call());
        using var gateway = stack.Gateway();

        using var one = await gateway.GetAsync($"/events/{eventId}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("text/calendar", one.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await one.Content.ReadAsStringAsync())!;
        var single = Assert.Single(calendar.Events);
        AssertShanghai(single, created, title);

        using var all = await gateway.GetAsync("/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var upcoming = Calendar.Load(await all.Content.ReadAsStringAsync())!;
        AssertShanghai(Assert.Single(upcoming.Events, e => e.Summary == title), created, title);
    }

    private static void AssertShanghai(Ical.Net.CalendarComponents.CalendarEvent e, Event created, string title)
    {
        Assert.Equal(title, e.Summary);
        Assert.Equal("Asia/Shanghai", e.DtStart!.TzId);
        Assert.Equal("Asia/Shanghai", e.DtEnd!.TzId);
        // The wall-clock time in the county, and the same instant as the event's.
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.Equal(TimeZoneInfo.ConvertTime(created.StartsAt.ToDateTimeOffset(), shanghai).DateTime, e.DtStart.Value);
        Assert.Equal(TimeZoneInfo.ConvertTime(created.EndsAt.ToDateTimeOffset(), shanghai).DateTime, e.DtEnd.Value);
        Assert.Equal(created.StartsAt.ToDateTime(), e.DtStart.AsUtc);
        Assert.Equal(created.EndsAt.ToDateTime(), e.DtEnd.AsUtc);
    }

    [Fact]
    public async Task The_Atom_feed_parses_and_lists_a_new_open_day()
    {
        var title = $"订阅开放日{Guid.NewGuid().ToString("N")[..6]}";
        var eventId = await OpenEvents.CreateAsync(_unit, title: title);
        using var gateway = stack.Gateway();

        using var response = await gateway.GetAsync("/feeds/open-days.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        var entry = Assert.Single(formatter.Feed.Items, i => i.Title.Text.EndsWith(title, StringComparison.Ordinal));
        Assert.EndsWith($"/events/{eventId}", entry.Links.Single().Uri.ToString());
        Assert.StartsWith(stack.GatewayUrl.ToString().TrimEnd('/'), entry.Links.Single().Uri.ToString());
    }

    [Fact]
    public async Task The_pages_link_the_feeds()
    {
        var eventId = await OpenEvents.CreateAsync(_unit, title: "链接订阅开放日");
        var page = await browser.NewPageAsync(stack, BrowserFixture.Phone);

        await page.GotoAsync("/");
        Assert.Equal("feeds/open-days.atom", await page.Locator("link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href"));
        Assert.Equal(1, await page.Locator("footer a[href='feeds/open-days.atom']").CountAsync());
        Assert.Equal(1, await page.Locator("footer a[href='calendar.ics']").CountAsync());

        await page.GotoAsync($"/events/{eventId}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "加入日历" }).ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VCALENDAR", text);
        Assert.Contains("链接订阅开放日", text);
    }
}
