using OpenDay.Events.V1;

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
}
