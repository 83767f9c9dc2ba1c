using Google.Protobuf.WellKnownTypes;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>The one builder of event requests the tests share: a two-hour forum, by default on 2026-10-20 (in the seeded campaign).</summary>
public static class EventRequests
{
    public static CreateEventRequest New(string title = "开放日", DateTime? startsAt = null, int capacity = 30, EventForm form = EventForm.Forum)
    {
        var start = startsAt ?? new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc);
        return new CreateEventRequest
        {
            Title = title, Theme = "政务公开", Venue = "会议室", Capacity = capacity, Forms = { form },
            StartsAt = Timestamp.FromDateTime(start), EndsAt = Timestamp.FromDateTime(start.AddHours(2)),
        };
    }
}
