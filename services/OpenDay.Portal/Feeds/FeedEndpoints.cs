using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using OpenDay.Events.V1;
using OpenDay.Portal.Api;

namespace OpenDay.Portal.Feeds;

/// <summary>
/// Feeds for new media and calendars: an iCalendar file per open day and one of all upcoming open days, and an Atom
/// feed of new open days. Absolute links are built from the request (the gateway forwards its host and scheme).
/// </summary>
public static class FeedEndpoints
{
    public const string TimeZoneId = "Asia/Shanghai";
    /// <summary>The all-upcoming calendar and the Atom feed stop here: a county's year has a few hundred open days.</summary>
    private const int MaxFeedEvents = 500;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{id}/calendar.ics", async (string id, PublicApi api, HttpContext http) =>
            await api.GetEventAsync(id, http.RequestAborted) is { } found
                ? Calendar([found], BaseUrl(http), $"{found.Title}")
                : Results.NotFound());
        app.MapGet("/calendar.ics", async (PublicApi api, TimeProvider time, HttpContext http) =>
            Calendar(await UpcomingAsync(api, time, PublicEventOrder.Start, http.RequestAborted), BaseUrl(http), "政府开放日"));
        app.MapGet("/feeds/open-days.atom", async (PublicApi api, TimeProvider time, HttpContext http) =>
            Atom(await UpcomingAsync(api, time, PublicEventOrder.Newest, http.RequestAborted), BaseUrl(http), time));
        return app;
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static async Task<List<PublicEvent>> UpcomingAsync(PublicApi api, TimeProvider time, PublicEventOrder order, CancellationToken cancellationToken)
    {
        var events = new List<PublicEvent>();
        var request = new ListPublicEventsRequest { FromDate = ChinaDates.Today(time), Order = order, PageSize = 100 };
        do
        {
            var page = await api.ListEventsAsync(request, cancellationToken);
            events.AddRange(page.Events);
            request.PageToken = page.NextPageToken;
        } while (request.PageToken.Length > 0 && events.Count < MaxFeedEvents);
        return events;
    }

    private static IResult Calendar(IEnumerable<PublicEvent> events, string baseUrl, string name)
    {
        var calendar = new Calendar { ProductId = "-//OpenDay//政府开放日//ZH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        calendar.AddTimeZone(TimeZoneId);
        foreach (var e in events)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{e.Id}@openday",
                Summary = e.Title,
                Location = e.Venue,
                Description = Description(e),
                // Local wall-clock times with TZID=Asia/Shanghai: what a resident's calendar should show, whatever its own zone.
                DtStart = new CalDateTime(ChinaDates.Local(e.StartsAt), TimeZoneId, hasTime: true),
                DtEnd = new CalDateTime(ChinaDates.Local(e.EndsAt), TimeZoneId, hasTime: true),
                Url = new Uri($"{baseUrl}/events/{e.Id}"),
                Categories = e.Forms.Select(Labels.Of).ToList(),
            });
        }
        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return Results.Text(text, "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static string Description(PublicEvent e)
    {
        var text = new StringBuilder()
            .AppendLine($"开放单位：{e.UnitName}")
            .AppendLine($"主题：{e.Theme}")
            .AppendLine($"形式：{string.Join("、", e.Forms.Select(Labels.Of))}")
            .AppendLine($"时间：{ChinaDates.Span(e.StartsAt, e.EndsAt)}");
        if (e.Agenda.Length > 0) text.AppendLine($"议程：{e.Agenda}");
        return text.ToString();
    }

    private static IResult Atom(IEnumerable<PublicEvent> events, string baseUrl, TimeProvider time)
    {
        var items = events.Select(e => new SyndicationItem(
            $"{e.UnitName}：{e.Title}",
            new TextSyndicationContent(Description(e)),
            new Uri($"{baseUrl}/events/{e.Id}"),
            $"urn:openday:event:{e.Id}",
            // The contracts carry no publication time: an open day counts as new from when its registration opens,
            // else from its start, so the feed's order is stable between readings.
            (e.RegistrationOpensAt ?? e.StartsAt).ToDateTimeOffset())
        {
            PublishDate = (e.RegistrationOpensAt ?? e.StartsAt).ToDateTimeOffset(),
        }).ToList();
        var feed = new SyndicationFeed("政府开放日 · 最新开放活动", "本县各单位新发布的政府开放日活动", new Uri(baseUrl + "/"),
            $"urn:openday:feed:open-days", items.Count > 0 ? items.Max(i => i.LastUpdatedTime) : time.GetUtcNow(), items)
        {
            Language = "zh-CN",
        };
        feed.Links.Add(new SyndicationLink(new Uri($"{baseUrl}/feeds/open-days.atom"), "self", "政府开放日", "application/atom+xml", 0));
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        // StringBuilder output declares utf-16; the body is sent as UTF-8.
        return Results.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal),
            "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }
}
