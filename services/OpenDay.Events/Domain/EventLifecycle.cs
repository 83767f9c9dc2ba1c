using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Events.Domain;

/// <summary>
/// The lifecycle of an open point (SPEC.md §3): draft → published (visible to the public) → registration open →
/// registration closed → held → reported; or cancelled, with a reason, at any point before it is held.
/// </summary>
public static class EventLifecycle
{
    private static readonly Dictionary<EventStatus, EventStatus[]> Next = new()
    {
        [EventStatus.Draft] = [EventStatus.Published, EventStatus.Cancelled],
        [EventStatus.Published] = [EventStatus.RegistrationOpen, EventStatus.Cancelled],
        [EventStatus.RegistrationOpen] = [EventStatus.RegistrationClosed, EventStatus.Cancelled],
        [EventStatus.RegistrationClosed] = [EventStatus.Held, EventStatus.Cancelled],
        [EventStatus.Held] = [EventStatus.Reported],
        [EventStatus.Reported] = [],
        [EventStatus.Cancelled] = [],
    };

    public static IReadOnlyList<EventStatus> AllowedFrom(EventStatus status) => Next.GetValueOrDefault(status) ?? [];

    public static bool CanMove(EventStatus from, EventStatus to) => AllowedFrom(from).Contains(to);

    /// <summary>
    /// Why an event's details may no longer change, or null when they may: a draft, published or registration-open
    /// event until its registration closes (participants then decide on what they were shown). A backfill (补录) draft
    /// records an open day already held, whose registration closed long ago: it may be corrected until it is published.
    /// </summary>
    public static EditRefusal? EditRefusal(EventStatus status, bool backfill, DateTimeOffset registrationClosesAt, DateTimeOffset now) => status switch
    {
        EventStatus.Draft when backfill => null,
        EventStatus.Draft or EventStatus.Published or EventStatus.RegistrationOpen when now >= registrationClosesAt =>
            new("REGISTRATION_CLOSED", $"Registration closed at {registrationClosesAt:yyyy-MM-dd HH:mm} UTC; the event can no longer be changed."),
        EventStatus.Draft or EventStatus.Published or EventStatus.RegistrationOpen => null,
        _ => new("STATUS_" + status.ToString().ToUpperInvariant(),
            $"The event is {Words.Of(status)}; only a draft, published or registration-open event can be changed."),
    };
}

/// <summary>A refusal to change an event: its precondition type and the reason.</summary>
public sealed record EditRefusal(string Type, string Reason);
