using OpenDay.Audit.V1;
using OpenDay.ServiceDefaults.Data;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.ServiceDefaults.Grpc;
using OpenDay.ServiceDefaults.PersonalData;
using OpenDay.Shared;
using Invitation = OpenDay.Registrations.Domain.Invitation;

namespace OpenDay.Registrations.Grpc;

[Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff},{Roles.CountyAdmin},{Roles.CountyInspector}")]
public class RegistrationsGrpcService(RegistrationsDbContext db, EventOwnership eventOwnership) : RegistrationsService.RegistrationsServiceBase
{
    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Invitation> CreateInvitation(CreateInvitationRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Check(Guid.TryParse(request.EventId, out var eventId), "event_id", "event_id must be an event id (a UUID).")
            .Required(request.Name, "name", 50)
            .Check(PhoneNumbers.IsMobile(request.Mobile), "mobile", "mobile must be an 11-digit mainland mobile number starting 13–19.")
            .Check(request.Category != ParticipantCategory.Unspecified && System.Enum.IsDefined(request.Category),
                "category", "category must be one of: NPC deputy, CPPCC member, public representative, media reporter, other invitee.")
            .ThrowIfAny();
        await eventOwnership.RequireOwnEventAsync(request.EventId, context.CancellationToken);

        var invitation = new Invitation
        {
            EventId = eventId,
            Name = request.Name.Trim(),
            Mobile = request.Mobile,
            Category = request.Category,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(invitation);
    }

    public override async Task<ListInvitationsResponse> ListInvitations(ListInvitationsRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.EventId, out var eventId))
        {
            throw RpcErrors.InvalidArgument("event_id", "event_id must be an event id (a UUID).");
        }
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.EventId == eventId)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync(context.CancellationToken);
        return new ListInvitationsResponse { Invitations = { invitations.Select(ToMessage) } };
    }

    private static V1.Invitation ToMessage(Invitation i) => new()
    {
        Id = i.Id.ToString(),
        EventId = i.EventId.ToString(),
        Name = i.Name,
        MobileMasked = PhoneNumbers.Mask(i.Mobile),
        Category = i.Category,
        Status = i.Status,
    };
}
