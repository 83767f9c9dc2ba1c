using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Audit.V1;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Data;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.PersonalData;
using OpenDay.Registrations.PersonalData;
using OpenDay.Shared;
using Participant = OpenDay.Registrations.Domain.Participant;

namespace OpenDay.Registrations.Grpc;

/// <summary>
/// Unit staff run their events' participants: invitations, review, the roster, check-in, exports. The county roles read
/// every unit's; a unit sees only its own (query filters and row-level security).
/// </summary>
[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff},{Roles.CountyAdmin},{Roles.CountyInspector}")]
public partial class RegistrationsGrpcService(RegistrationsDbContext db, RosterLedger ledger, PersonalDataProtector protector,
    EventOwnership eventOwnership, TimeProvider time) : RegistrationsService.RegistrationsServiceBase
{
    private const string Staff = $"{Roles.UnitAdmin},{Roles.UnitStaff}";

    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    [Authorize(Roles = Staff)]
    public override async Task<V1.Participant> CreateInvitation(CreateInvitationRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Required(request.Name, "name", 50)
            .Check(PhoneNumbers.IsMobile(request.Mobile), "mobile", "mobile must be an 11-digit mainland mobile number starting 13–19.")
            .Check(request.Category != ParticipantCategory.Unspecified && System.Enum.IsDefined(request.Category),
                "category", "category must be one of: NPC deputy, CPPCC member, public representative, media reporter, other invitee.")
            .Check(request.Category != ParticipantCategory.OtherInvitee || request.StatedRole.Trim().Length is > 0 and <= 50,
                "stated_role", "stated_role is required for an other invitee (expert, service recipient, netizen, resident…), at most 50 characters.")
            .Check(request.StatedRole.Length <= 50, "stated_role", "stated_role must be at most 50 characters.")
            .ThrowIfAny();
        var roster = await OwnRosterAsync(eventId, context.CancellationToken);
        var invitation = new Participant
        {
            EventId = eventId,
            Channel = Channel.Invitation,
            Name = request.Name.Trim(),
            Category = request.Category,
            StatedRole = request.StatedRole.Trim(),
            Mobile = protector.Protect(request.Mobile, PhoneNumbers.Mask),
            Status = ParticipantStatus.Invited,
        };
        await ledger.InTransactionAsync(async ct =>
        {
            // As for a sign-up: a cancellation being applied finishes first, and then this sees it.
            if ((await db.ShareRosterAsync(eventId, ct))?.InvitationResponseRefusal(time.GetUtcNow()) is { } closed)
            {
                throw RpcErrors.FailedPrecondition("event", "INVITATIONS_CLOSED", $"No more invitations: {closed}");
            }
            db.Participants.Add(invitation);
            return invitation;
        }, context.CancellationToken);
        return invitation.ToMessage(roster, time.GetUtcNow());
    }

    public override async Task<ListInvitationsResponse> ListInvitations(ListInvitationsRequest request, ServerCallContext context)
    {
        var roster = await OwnRosterAsync(ParseEventId(request.EventId), context.CancellationToken);
        var invitations = await db.Participants.AsNoTracking()
            .Where(p => p.EventId == roster.EventId && p.Channel == Channel.Invitation)
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(context.CancellationToken);
        var now = time.GetUtcNow();
        return new ListInvitationsResponse { Invitations = { invitations.Select(i => i.ToMessage(roster, now)) } };
    }

    private static Guid ParseEventId(string value) => FieldViolations.ParseId(value, "event_id", "an event");

    /// <summary>
    /// The caller's event as registrations knows it. An event created a moment ago may not have arrived from the events
    /// service's outbox yet: then the events service is asked (with the caller's token) whether it is the caller's,
    /// and its change awaited briefly.
    /// </summary>
    private async Task<EventRoster> OwnRosterAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (await db.ReadRosterAsync(eventId, cancellationToken) is { } known) return known;
        await eventOwnership.RequireOwnEventAsync(eventId.ToString(), cancellationToken);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            if (await db.ReadRosterAsync(eventId, cancellationToken) is { } arrived) return arrived;
        }
        throw RpcErrors.Unavailable("此活动的信息尚未从活动服务同步，请稍后再试。The event has not yet arrived from the events service; please try again shortly.");
    }

    /// <summary>A participant of one of the caller's events (another unit's is not found).</summary>
    private async Task<Participant> FindParticipantAsync(string id, Channel? channel, CancellationToken cancellationToken)
    {
        var participantId = FieldViolations.ParseId(id, "id", "a participant");
        return await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId && (channel == null || p.Channel == channel), cancellationToken)
               ?? throw RpcErrors.NotFound(channel == Channel.PublicSignup ? "application" : "participant", id);
    }
}
