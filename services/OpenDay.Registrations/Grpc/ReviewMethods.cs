using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Registrations.Grpc;

/// <summary>Review (审查) of public applications, and taking a participant off the roster.</summary>
public partial class RegistrationsGrpcService
{
    private const int DefaultApplicationsPageSize = 50;
    private const int MaxApplicationsPageSize = 200;

    public override async Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Check(System.Enum.IsDefined(request.Status), "status", "status must be a participant status.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultApplicationsPageSize, MaxApplicationsPageSize, violations);
        violations.ThrowIfAny();
        var roster = await OwnRosterAsync(eventId, context.CancellationToken);

        var query = db.Participants.AsNoTracking().Where(p => p.EventId == eventId && p.Channel == Channel.PublicSignup);
        if (request.Status != ParticipantStatus.Unspecified) query = query.Where(p => p.Status == request.Status);
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        var waitlist = await db.Participants.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Status == ParticipantStatus.Waitlisted)
            .OrderBy(p => p.WaitlistedAt).ThenBy(p => p.Id).Select(p => p.Id)
            .ToListAsync(context.CancellationToken);
        var now = time.GetUtcNow();
        return new ListApplicationsResponse
        {
            Applications = { page.Select(p => p.ToMessage(roster, now, waitlist.IndexOf(p.Id) + 1)) },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
            Roster = roster.ToMessage(await RosterCounts.ForEventAsync(db, eventId, context.CancellationToken)),
        };
    }

    [Authorize(Roles = Staff)]
    public override async Task<ReviewApplicationResponse> ReviewApplication(ReviewApplicationRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Check(request.Decision != ReviewDecision.Unspecified && System.Enum.IsDefined(request.Decision),
                "decision", "decision must be approve, reject or waitlist.")
            .Check(request.Decision != ReviewDecision.Reject || request.Reason.Trim().Length > 0,
                "reason", "reason is required to reject an application: the applicant is shown it.")
            .Check(request.Reason.Length <= 500, "reason", "reason must be at most 500 characters.")
            .ThrowIfAny();
        var found = await FindParticipantAsync(request.Id, Channel.PublicSignup, context.CancellationToken);
        var eventId = found.EventId;
        if (request.Decision == ReviewDecision.Approve && found.Status is ParticipantStatus.Submitted or ParticipantStatus.Waitlisted)
        {
            await ledger.RefuseAtOnceIfFullAsync(found, context.CancellationToken);
        }

        var (application, roster) = await ledger.InTransactionAsync(async ct =>
        {
            var roster = await ledger.LockAsync(eventId, ct);
            var application = await FindParticipantAsync(request.Id, Channel.PublicSignup, ct);
            var reviewable = request.Decision == ReviewDecision.Waitlist
                ? application.Status == ParticipantStatus.Submitted
                : application.Status is ParticipantStatus.Submitted or ParticipantStatus.Waitlisted;
            if (!reviewable)
            {
                throw RpcErrors.FailedPrecondition("application", "APPLICATION_STATUS",
                    $"This application is {Words.Of(application.Status)}: it cannot be {Describe(request.Decision)} now.");
            }
            switch (request.Decision)
            {
                case ReviewDecision.Approve:
                    ledger.Confirm(roster, application, ParticipantStatus.Approved);
                    break;
                case ReviewDecision.Reject:
                    application.Status = ParticipantStatus.Rejected;
                    application.Reason = request.Reason.Trim();
                    application.WaitlistedAt = null;
                    break;
                case ReviewDecision.Waitlist:
                    RosterLedger.RequireChangeable(roster);
                    application.Status = ParticipantStatus.Waitlisted;
                    application.WaitlistedAt = time.GetUtcNow();
                    break;
            }
            return (application, roster);
        }, context.CancellationToken);

        return new ReviewApplicationResponse
        {
            Application = application.ToMessage(roster, time.GetUtcNow(), await db.WaitlistPositionAsync(application, context.CancellationToken)),
            Roster = roster.ToMessage(await RosterCounts.ForEventAsync(db, eventId, context.CancellationToken)),
        };
    }

    [Authorize(Roles = Staff)]
    public override async Task<CancelParticipantResponse> CancelParticipant(CancelParticipantRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Required(request.Reason, "reason", 500)
            .ThrowIfAny();
        var eventId = (await FindParticipantAsync(request.Id, channel: null, context.CancellationToken)).EventId;

        var (participant, promoted, roster) = await ledger.InTransactionAsync(async ct =>
        {
            var roster = await ledger.LockAsync(eventId, ct);
            var participant = await FindParticipantAsync(request.Id, channel: null, ct);
            if (!participant.IsActive)
            {
                throw RpcErrors.FailedPrecondition("participant", "PARTICIPANT_STATUS",
                    $"This participant is {Words.Of(participant.Status)}: there is nothing to cancel.");
            }
            RosterLedger.RequireChangeable(roster);
            var promoted = await ledger.ReleaseAsync(roster, participant, ParticipantStatus.Cancelled, request.Reason.Trim(), ct);
            db.Notifications.Add(Domain.Notification.For(participant, NotificationKind.ParticipationCancelled,
                $"很抱歉，您参加「{roster.Title}」的安排已取消：{participant.Reason}。Your place at \"{roster.Title}\" was cancelled: {participant.Reason}."));
            return (participant, promoted, roster);
        }, context.CancellationToken);

        var now = time.GetUtcNow();
        return new CancelParticipantResponse
        {
            Participant = participant.ToMessage(roster, now),
            Promoted = promoted?.ToMessage(roster, now),
            Roster = roster.ToMessage(await RosterCounts.ForEventAsync(db, eventId, context.CancellationToken)),
        };
    }

    private static string Describe(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => "approved",
        ReviewDecision.Reject => "rejected",
        _ => "waitlisted",
    };
}
