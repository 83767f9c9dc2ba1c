using Google.Protobuf.WellKnownTypes;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>The one builder of event and plan requests the tests share.</summary>
public static class EventRequests
{
    /// <summary>A two-hour forum, by default on 2026-10-20 (in the seeded campaign, a backfill once that day is past).</summary>
    public static CreateEventRequest New(string title = "开放日", DateTime? startsAt = null, int capacity = 30, EventForm form = EventForm.Forum)
    {
        var start = startsAt ?? new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc);
        return new CreateEventRequest
        {
            Title = title, Theme = "政务公开", Venue = "会议室", Capacity = capacity, Forms = { form },
            StartsAt = Timestamp.FromDateTime(start), EndsAt = Timestamp.FromDateTime(start.AddHours(2)),
            // The seeded 2026 campaign is over: its events are records of open days already held (补录).
            Backfill = start < DateTime.UtcNow,
        };
    }

    /// <summary>A unit's plan (备案) for a year, with one open date (by default 10-09 of that year).</summary>
    public static FilePlanRequest Plan(int year, string? openDate = null) => new()
    {
        Year = year, OpenDates = { openDate ?? $"{year}-10-09" }, Themes = { "优化营商环境" }, Forms = { EventForm.VisitOffices, EventForm.Forum },
        ImplementationPlan = "职责分工：党政办牵头；开放内容：便民服务中心办事流程；活动流程：参观、体验、座谈。",
    };
}
