using System.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;

using Participant = OpenDay.Registrations.Domain.Participant;
using Notification = OpenDay.Registrations.Domain.Notification;

namespace OpenDay.Registrations.Infrastructure;

/// <summary>
/// Every step that takes or frees a seat goes through here, inside one transaction that holds the event's roster row:
/// confirming (an approval, an accepted invitation) and releasing (a withdrawal, a cancellation), which moves the
/// first waitlisted applicant who keeps the rules up into the freed seat and records their notification. New
/// sign-ups and invitations use its transactions too, sharing the row (see <see cref="RegistrationsDbContext"/>).
/// </summary>
public sealed class RosterLedger(RegistrationsDbContext db, CallerContext caller, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction (retried whole on a transient database failure, so it must load
    /// what it changes itself) and saves what it changed.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var result = await work(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);

    public async Task<EventRoster> LockAsync(Guid eventId, CancellationToken cancellationToken) =>
        await db.LockRosterAsync(eventId, cancellationToken) ?? throw RpcErrors.NotFound("event", eventId.ToString());

    /// <summary>
    /// Refuses a confirmation at once when the roster, read without a lock, is already too full for it: in a rush of
    /// approvals for a full event, the steps that cannot take a seat do not queue for the row behind those that can.
    /// It refuses only what the roster refused a moment ago; whatever it lets through is checked again under the lock.
    /// Only for the caller's own unit: another unit's participant (a supervisor's reach) is refused by the locked step.
    /// </summary>
    public async Task RefuseAtOnceIfFullAsync(Participant participant, CancellationToken cancellationToken)
    {
        if (participant.TenantId != caller.TenantId) return;
        var roster = await db.ReadRosterAsync(participant.EventId, cancellationToken);
        if (roster is null || roster.RosterChangeRefusal() is not null) return; // the locked step answers these
        if (roster.ConfirmationRefusal(participant.IsPublicRepresentative, keepShare: false) is { } refusal) throw RosterRulesRefusal(refusal);
    }

    /// <summary>Takes a seat for the participant, or refuses with the rule that would break.</summary>
    public void Confirm(EventRoster roster, Participant participant, ParticipantStatus confirmedStatus, bool keepShare = false)
    {
        RequireChangeable(roster);
        if (roster.ConfirmationRefusal(participant.IsPublicRepresentative, keepShare) is { } refusal) throw RosterRulesRefusal(refusal);
        roster.Confirm(participant.IsPublicRepresentative);
        participant.Status = confirmedStatus;
        participant.ConfirmedAt = time.GetUtcNow();
        participant.WaitlistedAt = null;
    }

    private static RpcException RosterRulesRefusal(string refusal) => RpcErrors.FailedPrecondition("roster", "ROSTER_RULES", refusal);

    /// <summary>Refuses, naming the event's status, once the roster can no longer change (cancelled, held, reported).</summary>
    public static void RequireChangeable(EventRoster roster)
    {
        if (roster.RosterChangeRefusal() is { } closed) throw RpcErrors.FailedPrecondition("event", "EVENT_STATUS", closed);
    }

    /// <summary>
    /// Takes the participant off (<paramref name="newStatus"/>); a confirmed one's seat goes to the first waitlisted
    /// applicant whose confirmation keeps the rules (capacity and share). Returns who moved up, if anyone.
    /// </summary>
    public async Task<Participant?> ReleaseAsync(EventRoster roster, Participant participant, ParticipantStatus newStatus, string reason,
        CancellationToken cancellationToken)
    {
        var heldSeat = participant.IsConfirmed;
        participant.Status = newStatus;
        participant.Reason = reason;
        participant.WaitlistedAt = null;
        if (!heldSeat) return null;

        roster.Release(participant.IsPublicRepresentative);
        if (roster.RosterChangeRefusal() is not null) return null;
        var waitlist = await db.Participants
            .Where(p => p.EventId == roster.EventId && p.Status == ParticipantStatus.Waitlisted)
            .OrderBy(p => p.WaitlistedAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var next = waitlist.FirstOrDefault(p => roster.ConfirmationRefusal(p.IsPublicRepresentative, keepShare: true) is null);
        if (next is null) return null;

        Confirm(roster, next, ParticipantStatus.Approved, keepShare: true);
        db.Notifications.Add(Notification.For(next, NotificationKind.Promoted,
            $"您报名的「{roster.Title}」已由候补转为确认参加，请按时到场签到。A seat has come free at \"{roster.Title}\": your place is confirmed."));
        return next;
    }
}
