using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using Participant = OpenDay.Registrations.Domain.Participant;
using OpenDay.ServiceDefaults.Authentication;

namespace OpenDay.Registrations.Grpc;

/// <summary>
/// The assessment service asks, as itself, whether a questionnaire answer's code belongs to a confirmed or checked-in
/// participant of the questionnaire's event. It learns yes or no, never who: the code is the only thing it holds.
/// </summary>
[Authorize(Roles = Roles.Service)]
public sealed class ParticipantCodesGrpcService(RegistrationsDbContext db, CallerContext caller) : ParticipantCodes.ParticipantCodesBase
{
    public override async Task<CheckParticipantCodeResponse> CheckParticipantCode(CheckParticipantCodeRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Check(Participant.IsWellFormedCode(request.Code), "code", "code must be the 32-character code the participant was given.")
            .ThrowIfAny();
        var ct = context.CancellationToken;
        if (await db.FindTenantByCodeAsync(request.Code, ct) is not { } tenant) return new CheckParticipantCodeResponse();
        caller.ActFor(tenant);
        var participant = await db.Participants.AsNoTracking()
            .Where(p => p.Code == request.Code && p.EventId == eventId)
            .Select(p => new { p.Status, p.CheckedInAt })
            .SingleOrDefaultAsync(ct);
        return new CheckParticipantCodeResponse
        {
            Participant = participant is not null && (Participant.ConfirmedStatuses.Contains(participant.Status) || participant.CheckedInAt is not null),
        };
    }
}
