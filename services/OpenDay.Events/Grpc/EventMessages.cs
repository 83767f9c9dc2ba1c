using Google.Protobuf.WellKnownTypes;
using OpenDay.Events.Domain;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;
using Event = OpenDay.Events.Domain.Event;
using Campaign = OpenDay.Events.Domain.Campaign;

namespace OpenDay.Events.Grpc;

/// <summary>
/// An event as each contract carries it: to its unit (<see cref="V1.Event"/>), to the public (<see cref="PublicEvent"/>)
/// and to registrations through the outbox (<see cref="EventChange"/>). Three messages, so three lists of fields; one file.
/// </summary>
internal static class EventMessages
{
    public static V1.Event ToMessage(this Event e) => new()
    {
        Id = e.Id.ToString(),
        UnitCode = e.TenantId,
        Title = e.Title,
        Theme = e.Theme,
        Forms = { e.Forms },
        Venue = e.Venue,
        StartsAt = Timestamp.FromDateTimeOffset(e.StartsAt),
        EndsAt = Timestamp.FromDateTimeOffset(e.EndsAt),
        Capacity = e.Capacity,
        Status = e.Status,
        RegistrationOpensAt = e.RegistrationOpensAt.ToTimestamp(),
        RegistrationClosesAt = Timestamp.FromDateTimeOffset(e.RegistrationClosesAt),
        PublicSignup = e.PublicSignup,
        Agenda = e.Agenda,
        CancellationReason = e.CancellationReason ?? "",
        PlanId = e.PlanId?.ToString() ?? "",
        Backfill = e.Backfill,
    };

    public static PublicEvent ToPublicMessage(this IEventFacts e, PublicUnit unit) => new()
    {
        Id = e.Id.ToString(),
        UnitCode = e.TenantId,
        UnitName = unit.Name,
        UnitKind = unit.Kind,
        Title = e.Title,
        Theme = e.Theme,
        Forms = { e.Forms },
        Venue = e.Venue,
        StartsAt = Timestamp.FromDateTimeOffset(e.StartsAt),
        EndsAt = Timestamp.FromDateTimeOffset(e.EndsAt),
        Capacity = e.Capacity,
        Status = e.Status,
        PublicSignup = e.PublicSignup,
        RegistrationOpensAt = e.RegistrationOpensAt.ToTimestamp(),
        RegistrationClosesAt = Timestamp.FromDateTimeOffset(e.RegistrationClosesAt),
        Agenda = e.Agenda,
    };

    /// <summary>What registrations keeps of an event: its seats, windows and status, and the campaign's share (§四).</summary>
    public static EventChange ToChange(this Event e, Campaign campaign) => new()
    {
        EventId = e.Id.ToString(),
        UnitCode = e.TenantId,
        Title = e.Title,
        Status = e.Status,
        PublicSignup = e.PublicSignup,
        Capacity = e.Capacity,
        StartsAt = Timestamp.FromDateTimeOffset(e.StartsAt),
        EndsAt = Timestamp.FromDateTimeOffset(e.EndsAt),
        RegistrationOpensAt = e.RegistrationOpensAt.ToTimestamp(),
        RegistrationClosesAt = Timestamp.FromDateTimeOffset(e.RegistrationClosesAt),
        MinPublicShareNumerator = campaign.MinPublicShareNumerator,
        MinPublicShareDenominator = campaign.MinPublicShareDenominator,
        CancellationReason = e.CancellationReason ?? "",
    };

    private static Timestamp? ToTimestamp(this DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
