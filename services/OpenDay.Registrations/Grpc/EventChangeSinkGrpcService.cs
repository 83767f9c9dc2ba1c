using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.V1;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Registrations.Grpc;

/// <summary>
/// Where the events service's outbox arrives: each change is a whole snapshot of the event, applied once (a change no
/// newer than the last applied is acknowledged and ignored, so a redelivery does nothing twice). A cancellation closes
/// the event's registrations and records a notification for everyone on it; a held event records its no-shows.
/// </summary>
[Authorize(Roles = Roles.Service)]
public sealed class EventChangeSinkGrpcService(RegistrationsDbContext db, RosterLedger ledger, CallerContext caller)
    : EventChangeSink.EventChangeSinkBase
{
    public override async Task<ApplyEventChangeResponse> ApplyEventChange(EventChange change, ServerCallContext context)
    {
        new FieldViolations()
            .Id(change.EventId, "event_id", "an event", out var eventId)
            .Required(change.UnitCode, "unit_code", 64)
            .Check(change.Sequence > 0, "sequence", "sequence must be the outbox's positive sequence number.")
            .ThrowIfAny();
        caller.ActFor(change.UnitCode);

        var applied = await ledger.InTransactionAsync(async ct =>
        {
            var roster = await db.LockRosterForEventChangeAsync(eventId, ct);
            if (roster is null)
            {
                roster = new EventRoster { EventId = eventId };
                db.Rosters.Add(roster);
            }
            else if (roster.LastChangeSequence >= change.Sequence)
            {
                return false;
            }
            var previous = roster.Status;
            Copy(change, roster);
            if (change.Status == EventStatus.Cancelled && previous != EventStatus.Cancelled) await CloseRegistrationsAsync(roster, ct);
            if (change.Status is EventStatus.Held or EventStatus.Reported && previous is not (EventStatus.Held or EventStatus.Reported))
            {
                await RecordNoShowsAsync(roster, ct);
            }
            return true;
        }, context.CancellationToken);
        return new ApplyEventChangeResponse { Applied = applied };
    }

    private static void Copy(EventChange change, EventRoster roster)
    {
        roster.LastChangeSequence = change.Sequence;
        roster.Title = change.Title;
        roster.Status = change.Status;
        roster.PublicSignup = change.PublicSignup;
        roster.Capacity = change.Capacity;
        roster.StartsAt = change.StartsAt.ToDateTimeOffset();
        roster.EndsAt = change.EndsAt.ToDateTimeOffset();
        roster.RegistrationOpensAt = change.RegistrationOpensAt?.ToDateTimeOffset();
        roster.RegistrationClosesAt = change.RegistrationClosesAt.ToDateTimeOffset();
        roster.MinPublicShareNumerator = change.MinPublicShareNumerator;
        roster.MinPublicShareDenominator = change.MinPublicShareDenominator;
        roster.CancellationReason = change.CancellationReason;
    }

    /// <summary>Everyone still on the event is told, and nobody can join any more (the status refuses it).</summary>
    private async Task CloseRegistrationsAsync(EventRoster roster, CancellationToken cancellationToken)
    {
        var active = await db.Participants
            .Where(p => p.EventId == roster.EventId && Domain.Participant.ActiveStatuses.Contains(p.Status))
            .ToListAsync(cancellationToken);
        var reason = roster.CancellationReason.Length > 0 ? roster.CancellationReason : "活动取消";
        foreach (var participant in active)
        {
            participant.Status = ParticipantStatus.Cancelled;
            participant.Reason = $"活动已取消：{reason}";
            participant.WaitlistedAt = null;
            db.Notifications.Add(Domain.Notification.For(participant, NotificationKind.EventCancelled,
                $"很抱歉，「{roster.Title}」已取消（{reason}）。\"{roster.Title}\" has been cancelled ({reason})."));
        }
        roster.Confirmed = 0;
        roster.ConfirmedPublicRepresentatives = 0;
    }

    private async Task RecordNoShowsAsync(EventRoster roster, CancellationToken cancellationToken)
    {
        var absent = await db.Participants
            .Where(p => p.EventId == roster.EventId && Domain.Participant.ConfirmedStatuses.Contains(p.Status)
                        && p.CheckedInAt == null)
            .ToListAsync(cancellationToken);
        foreach (var participant in absent) participant.Attendance = AttendanceMark.NoShow;
    }
}
