using OpenDay.Events.V1;
using OpenDay.Platform.Data;

namespace OpenDay.Events.Domain;

/// <summary>An open point (开放点): one event a unit runs, in one or more of the forms of §五.</summary>
public class Event : ITenantOwned, IEventFacts
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required string Title { get; set; }
    public required string Theme { get; set; }
    public List<EventForm> Forms { get; set; } = [];
    public required string Venue { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Capacity { get; set; }
    public EventStatus Status { get; set; } = EventStatus.Draft;
    public DateTimeOffset? RegistrationOpensAt { get; set; }
    public DateTimeOffset RegistrationClosesAt { get; set; }
    /// <summary>社会报名: the public may sign up, besides directed invitations.</summary>
    public bool PublicSignup { get; set; }
    public string Agenda { get; set; } = "";
    public string? CancellationReason { get; set; }
    /// <summary>补录: created after it took place (an open day held before the unit used OpenDay); the county sees it.</summary>
    public bool Backfill { get; set; }
    /// <summary>The unit's plan (备案) that this event carries out, if any.</summary>
    public Guid? PlanId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>What every view of an event shows, the unit's own and the public's alike: one mapper serves both.</summary>
public interface IEventFacts
{
    Guid Id { get; }
    string TenantId { get; }
    string Title { get; }
    string Theme { get; }
    List<EventForm> Forms { get; }
    string Venue { get; }
    DateTimeOffset StartsAt { get; }
    DateTimeOffset EndsAt { get; }
    int Capacity { get; }
    EventStatus Status { get; }
    DateTimeOffset? RegistrationOpensAt { get; }
    DateTimeOffset RegistrationClosesAt { get; }
    bool PublicSignup { get; }
    string Agenda { get; }
}
