using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.PersonalData;
using OpenDay.Registrations.PersonalData;
using OpenDay.Platform.Tenancy;
using OpenDay.Platform.Time;
using Participant = OpenDay.Registrations.Domain.Participant;

namespace OpenDay.Registrations.Grpc;

/// <summary>
/// Members of the public, without an account: sign up (社会报名) with real-name data, follow or withdraw the application
/// by its reference code, answer an invitation by its code. Each call acts for the unit whose event it is.
/// A sign-up waits for no other sign-up and calls no other service: the event's facts are here already (from the events outbox).
/// </summary>
[AllowAnonymous]
public partial class PublicRegistrationsGrpcService(RegistrationsDbContext db, RosterLedger ledger, PersonalDataProtector protector,
    CallerContext caller, IMemoryCache eventUnits, TimeProvider time) : PublicRegistrations.PublicRegistrationsBase
{
    [GeneratedRegex("^[A-Za-z0-9_-]{8,100}$")]
    private static partial Regex IdempotencyKeyRegex();

    public override async Task<Application> SignUp(SignUpRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var category = request.Category == ParticipantCategory.Unspecified ? ParticipantCategory.PublicRepresentative : request.Category;
        var idNumberProblem = IdentityCardNumbers.Problem(request.IdNumber, ChinaTime.DateOf(now));
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Required(request.Name, "name", 50)
            .Check(PhoneNumbers.IsMobile(request.Mobile), "mobile", "mobile must be an 11-digit mainland mobile number starting 13–19.")
            .Check(idNumberProblem is null, "id_number", idNumberProblem ?? "")
            .Required(request.WorkUnit, "work_unit", 100)
            .Check(System.Enum.IsDefined(category), "category", "category must be a participant category; leave it out for a public representative.")
            .Check(request.IdempotencyKey.Length == 0 || IdempotencyKeyRegex().IsMatch(request.IdempotencyKey),
                "idempotency_key", "idempotency_key must be 8–100 letters, digits, '-' or '_' (a UUID will do).")
            .ThrowIfAny();

        caller.ActFor(await EventUnitAsync(eventId, context.CancellationToken));

        var idNumber = protector.Protect(IdentityCardNumbers.Normalize(request.IdNumber), IdentityCardNumbers.Mask);
        var application = new Participant
        {
            EventId = eventId,
            Channel = Channel.PublicSignup,
            Name = request.Name.Trim(),
            Category = category,
            WorkUnit = request.WorkUnit.Trim(),
            Mobile = protector.Protect(request.Mobile, PhoneNumbers.Mask),
            IdNumber = idNumber,
            Status = ParticipantStatus.Submitted,
            IdempotencyKey = request.IdempotencyKey.Length > 0 ? request.IdempotencyKey : null,
        };
        // Two round trips: the roster shared (a cancellation being applied right now finishes first; then this sees it),
        // then the application, its audit record and the commit; a repeated person or key adds nothing and raises no error.
        if (await db.AddPublicApplicationAsync(application, roster =>
            {
                if (roster is not { IsPublic: true }) throw RpcErrors.NotFound("event", eventId.ToString());
                if (roster.SignUpRefusal(now) is { } refusal) throw RpcErrors.FailedPrecondition("event", "SIGN_UP_CLOSED", refusal);
            }, context.CancellationToken))
        {
            return application.ToApplication(0);
        }
        // A retried submit (either unique index may have held it): the first answer again, if it was this person's.
        if (application.IdempotencyKey is { } key &&
            await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId && p.IdempotencyKey == key, context.CancellationToken) is { } first)
        {
            return first.IdNumberHash is { } hash && hash.SequenceEqual(idNumber.Hash)
                ? first.ToApplication(await db.WaitlistPositionAsync(first, context.CancellationToken))
                : throw RpcErrors.FailedPrecondition("idempotency_key", "IDEMPOTENCY_KEY_REUSED",
                    "idempotency_key was already used for another person's sign-up: use a new key for each new sign-up.");
        }
        throw RpcErrors.FailedPrecondition("id_number", "ALREADY_REGISTERED",
            "该身份证号已报名或受邀参加本场活动。This ID number is already signed up for or invited to this event (one person once per event).");
    }

    public override async Task<Application> GetApplication(ReferenceCodeRequest request, ServerCallContext context)
    {
        var application = await FindByCodeAsync(request.ReferenceCode, "reference_code", Channel.PublicSignup, context.CancellationToken);
        return application.ToApplication(await db.WaitlistPositionAsync(application, context.CancellationToken));
    }

    public override async Task<Application> WithdrawApplication(ReferenceCodeRequest request, ServerCallContext context)
    {
        var found = await FindByCodeAsync(request.ReferenceCode, "reference_code", Channel.PublicSignup, context.CancellationToken);
        var application = await ledger.InTransactionAsync(async ct =>
        {
            var roster = await ledger.LockAsync(found.EventId, ct);
            var application = await db.Participants.SingleAsync(p => p.Id == found.Id, ct);
            if (application.Status is not (ParticipantStatus.Submitted or ParticipantStatus.Waitlisted or ParticipantStatus.Approved))
            {
                throw RpcErrors.FailedPrecondition("application", "APPLICATION_STATUS",
                    $"This application is {Words.Of(application.Status)}: there is nothing to withdraw.");
            }
            if (application.IsConfirmed) RosterLedger.RequireChangeable(roster);
            await ledger.ReleaseAsync(roster, application, ParticipantStatus.Withdrawn, "", ct);
            return application;
        }, context.CancellationToken);
        return application.ToApplication(0);
    }

    public override async Task<PublicInvitation> GetInvitation(InvitationCodeRequest request, ServerCallContext context)
    {
        var invitation = await FindByCodeAsync(request.Code, "code", Channel.Invitation, context.CancellationToken);
        var roster = await db.Rosters.AsNoTracking().SingleAsync(r => r.EventId == invitation.EventId, context.CancellationToken);
        return invitation.ToPublicInvitation(roster, time.GetUtcNow());
    }

    public override async Task<PublicInvitation> RespondToInvitation(RespondToInvitationRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var idNumberProblem = request.Accept ? IdentityCardNumbers.Problem(request.IdNumber, ChinaTime.DateOf(now)) : null;
        new FieldViolations()
            .Check(Participant.IsWellFormedCode(request.Code), "code", "code must be the 32-character code on the invitation.")
            .Check(idNumberProblem is null, "id_number", idNumberProblem ?? "")
            .ThrowIfAny();
        var found = await FindByCodeAsync(request.Code, "code", Channel.Invitation, context.CancellationToken);
        var idNumber = IdentityCardNumbers.Normalize(request.IdNumber);
        try
        {
            var (invitation, roster) = await ledger.InTransactionAsync(async ct =>
            {
                var roster = await ledger.LockAsync(found.EventId, ct);
                var invitation = await db.Participants.SingleAsync(p => p.Id == found.Id, ct);
                if (roster.InvitationResponseRefusal(now) is { } refusal) throw RpcErrors.FailedPrecondition("invitation", "INVITATION_CLOSED", refusal);
                if (request.Accept)
                {
                    if (invitation.Status != ParticipantStatus.Invited)
                    {
                        throw RpcErrors.FailedPrecondition("invitation", "INVITATION_STATUS",
                            $"This invitation is {Words.Of(invitation.Status)}: it cannot be accepted now.");
                    }
                    invitation.IdNumber = protector.Protect(idNumber, IdentityCardNumbers.Mask);
                    ledger.Confirm(roster, invitation, ParticipantStatus.Accepted);
                }
                else
                {
                    if (invitation.Status is not (ParticipantStatus.Invited or ParticipantStatus.Accepted))
                    {
                        throw RpcErrors.FailedPrecondition("invitation", "INVITATION_STATUS",
                            $"This invitation is {Words.Of(invitation.Status)}: it cannot be declined now.");
                    }
                    await ledger.ReleaseAsync(roster, invitation, ParticipantStatus.Declined, "", ct);
                }
                return (invitation, roster);
            }, context.CancellationToken);
            return invitation.ToPublicInvitation(roster, now);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: RegistrationsDbContext.UniquePersonPerEvent })
        {
            throw RpcErrors.FailedPrecondition("id_number", "ALREADY_REGISTERED",
                "该身份证号已报名或受邀参加本场活动。This ID number is already signed up for or invited to this event (one person once per event).");
        }
    }

    /// <summary>
    /// The unit whose event it is, which the sign-up then acts for. It never changes, so it is remembered: a sign-up
    /// reads the database once, inside its transaction. An event registrations has not heard of is not found.
    /// </summary>
    private async Task<string> EventUnitAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (eventUnits.TryGetValue(("event-unit", eventId), out string? known) && known is not null) return known;
        var unit = await db.Rosters.IgnoreQueryFilters().Where(r => r.EventId == eventId).Select(r => r.TenantId).SingleOrDefaultAsync(cancellationToken)
                   ?? throw RpcErrors.NotFound("event", eventId.ToString());
        return eventUnits.Set(("event-unit", eventId), unit, TimeSpan.FromHours(1));
    }

    /// <summary>The participant a code belongs to; from here on the call acts for that participant's unit.</summary>
    private async Task<Participant> FindByCodeAsync(string code, string field, Channel channel, CancellationToken cancellationToken)
    {
        if (!Participant.IsWellFormedCode(code)) throw RpcErrors.InvalidArgument(field, $"{field} must be the 32-character code you were given.");
        var resource = channel == Channel.Invitation ? "invitation" : "application";
        var tenant = await db.FindTenantByCodeAsync(code, cancellationToken) ?? throw RpcErrors.NotFound(resource, code);
        caller.ActFor(tenant);
        return await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code && p.Channel == channel, cancellationToken)
               ?? throw RpcErrors.NotFound(resource, code);
    }
}
