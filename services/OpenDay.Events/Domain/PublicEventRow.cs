using OpenDay.Events.V1;

namespace OpenDay.Events.Domain;

/// <summary>
/// An event as the public may see it, read from the <c>public_events</c> view: only the statuses that are public
/// (published onwards, never drafts or cancelled events), so row-level security on the table stays closed to
/// anonymous callers.
/// </summary>
public class PublicEventRow : IEventFacts
{
    public Guid Id { get; init; }
    public required string TenantId { get; init; }
    public required string Title { get; init; }
    public required string Theme { get; init; }
    public List<EventForm> Forms { get; init; } = [];
    public required string Venue { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int Capacity { get; init; }
    public EventStatus Status { get; init; }
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset RegistrationClosesAt { get; init; }
    public bool PublicSignup { get; init; }
    public string Agenda { get; init; } = "";
}
