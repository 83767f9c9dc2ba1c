using Google.Protobuf.WellKnownTypes;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using Participant = OpenDay.Registrations.Domain.Participant;

namespace OpenDay.Registrations.Grpc;

/// <summary>Records into messages: personal data leaves only in its masked form.</summary>
internal static class Messages
{
    public static V1.Participant ToMessage(this Participant p, EventRoster roster, DateTimeOffset now, int waitlistPosition = 0) => new()
    {
        Id = p.Id.ToString(),
        EventId = p.EventId.ToString(),
        Channel = p.Channel,
        Name = p.Name,
        MobileMasked = p.MobileMasked,
        IdNumberMasked = p.IdNumberMasked,
        Category = p.Category,
        StatedRole = p.StatedRole,
        WorkUnit = p.WorkUnit,
        Status = p.StatusAt(roster, now),
        Reason = p.Reason,
        Code = p.Code,
        Attendance = p.Attendance,
        CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
        CheckedInAt = p.CheckedInAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        WaitlistPosition = waitlistPosition,
    };

    public static Application ToApplication(this Participant p, int waitlistPosition) => new()
    {
        ReferenceCode = p.Code,
        EventId = p.EventId.ToString(),
        Name = p.Name,
        MobileMasked = p.MobileMasked,
        IdNumberMasked = p.IdNumberMasked,
        Category = p.Category,
        Status = p.Status,
        Reason = p.Reason,
        WaitlistPosition = waitlistPosition,
        SubmittedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
    };

    public static PublicInvitation ToPublicInvitation(this Participant p, EventRoster roster, DateTimeOffset now) => new()
    {
        EventId = p.EventId.ToString(),
        Name = p.Name,
        Category = p.Category,
        Status = p.StatusAt(roster, now),
        RespondsUntil = Timestamp.FromDateTimeOffset(roster.RegistrationClosesAt),
        Reason = p.Reason,
    };

    public static Roster ToMessage(this EventRoster roster, RosterCounts counts) => new()
    {
        EventId = roster.EventId.ToString(),
        Capacity = roster.Capacity,
        Confirmed = roster.Confirmed,
        ConfirmedByCategory =
        {
            counts.ConfirmedByCategory.OrderBy(c => c.Key).Select(c => new CategoryCount { Category = c.Key, Count = c.Value }),
        },
        PublicRepresentatives = roster.ConfirmedPublicRepresentatives,
        PublicRepresentativesRequired = roster.PublicRepresentativesRequired,
        MinPublicShareNumerator = roster.MinPublicShareNumerator,
        MinPublicShareDenominator = roster.MinPublicShareDenominator,
        ShareMet = roster.ShareMet,
        Waitlisted = counts.Waitlisted,
        AwaitingReview = counts.AwaitingReview,
        Finalised = roster.Finalised,
        FinalisedAt = roster.FinalisedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        EventStatus = roster.Status,
    };
}
