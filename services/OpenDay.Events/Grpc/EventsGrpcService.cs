using System.Globalization;
using OpenDay.Audit.V1;
using OpenDay.Platform.Data;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.Infrastructure;
using OpenDay.Units.V1;
using OpenDay.Events.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using Event = OpenDay.Events.Domain.Event;
using OpenDay.Platform.Time;

namespace OpenDay.Events.Grpc;

public partial class EventsGrpcService(EventsDbContext db, CallerContext caller, TimeProvider time, PublicListingCache publicCache,
    UnitsService.UnitsServiceClient publicUnits) : EventsService.EventsServiceBase
{
    /// <summary>When no registration close is given: a day before the start, so the roster can be settled.</summary>
    private const int RegistrationClosesHoursBeforeStart = 24;

    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Event> CreateEvent(CreateEventRequest request, ServerCallContext context)
    {
        var forms = request.Forms.Distinct().ToList();
        var violations = new FieldViolations()
            .Required(request.Title, "title", 200)
            .Required(request.Theme, "theme", 200)
            .Required(request.Venue, "venue", 200)
            .Check(forms.Count > 0, "forms", "forms needs at least one of the four forms of activity (进机关, 进现场, 进会议, 座谈交流).")
            .Check(forms.All(f => f != EventForm.Unspecified && System.Enum.IsDefined(f)), "forms", "forms contains an unknown form.")
            .Check(request.StartsAt is not null, "starts_at", "starts_at is required.")
            .Check(request.EndsAt is not null, "ends_at", "ends_at is required.")
            .Check(request.StartsAt is null || request.EndsAt is null || request.EndsAt.ToDateTimeOffset() > request.StartsAt.ToDateTimeOffset(),
                "ends_at", "ends_at must be after starts_at.")
            .Check(request.Capacity >= 1, "capacity", "capacity must be at least 1.")
            .Check(request.Agenda.Length <= 4000, "agenda", "agenda must be at most 4000 characters.");
        var closes = request.RegistrationClosesAt?.ToDateTimeOffset()
                     ?? request.StartsAt?.ToDateTimeOffset().AddHours(-RegistrationClosesHoursBeforeStart);
        var opens = request.RegistrationOpensAt?.ToDateTimeOffset();
        if (request.StartsAt is not null && closes is not null)
        {
            violations
                .Check(closes < request.StartsAt.ToDateTimeOffset(), "registration_closes_at", "registration_closes_at must be before starts_at.")
                .Check(opens is null || opens < closes, "registration_opens_at", "registration_opens_at must be before registration_closes_at.");
        }
        if (request.StartsAt is not null && request.EndsAt is not null)
        {
            var (startsOn, endsOn) = (ChinaTime.DateOf(request.StartsAt.ToDateTimeOffset()), ChinaTime.DateOf(request.EndsAt.ToDateTimeOffset()));
            var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Year == startsOn.Year, context.CancellationToken)
                           ?? throw RpcErrors.FailedPrecondition(startsOn.Year.ToString(CultureInfo.InvariantCulture), "NO_CAMPAIGN",
                               $"{startsOn.Year} 年的政府开放日活动尚未开启。There is no {startsOn.Year} campaign yet; the county office opens it.");
            var window = $"{campaign.ActivityStartsOn:yyyy-MM-dd} … {campaign.ActivityEndsOn:yyyy-MM-dd}";
            if (request.PlanId.Length > 0)
            {
                // Only the caller's own plan for that year: the query filter hides other units' plans.
                var planOk = Guid.TryParse(request.PlanId, out var planId) && await db.Plans.AnyAsync(
                    p => p.Id == planId && p.Year == startsOn.Year && p.TenantId == caller.TenantId, context.CancellationToken);
                violations.Check(planOk, "plan_id", $"plan_id must be your unit's plan for {startsOn.Year}.");
            }
            violations
                .Check(campaign.IsInWindow(startsOn), "starts_at", $"starts_at must fall in the {campaign.Year} activity window {window} (Asia/Shanghai).")
                .Check(campaign.IsInWindow(endsOn), "ends_at", $"ends_at must fall in the {campaign.Year} activity window {window} (Asia/Shanghai).")
                .Check(request.Capacity <= campaign.MaxParticipantsPerEvent, "capacity",
                    $"capacity must be at most {campaign.MaxParticipantsPerEvent}, the campaign's cap per open point (§四).");
        }
        violations.ThrowIfAny();
        if (caller.UnitFacts is { Active: false })
        {
            throw RpcErrors.FailedPrecondition(caller.RequiredTenantId, "UNIT_RETIRED",
                "您的单位已停用，不能新建开放活动。Your unit is retired and can run no new events.");
        }

        var entity = new Event
        {
            Title = request.Title.Trim(),
            Theme = request.Theme.Trim(),
            Venue = request.Venue.Trim(),
            Forms = forms,
            StartsAt = request.StartsAt!.ToDateTimeOffset(),
            EndsAt = request.EndsAt!.ToDateTimeOffset(),
            Capacity = request.Capacity,
            RegistrationOpensAt = opens,
            RegistrationClosesAt = closes!.Value,
            PublicSignup = request.PublicSignup,
            Agenda = request.Agenda.Trim(),
            PlanId = request.PlanId.Length > 0 ? Guid.Parse(request.PlanId) : null,
        };
        db.Events.Add(entity);
        await db.SaveChangesAsync(context.CancellationToken);
        await publicCache.BumpAsync();
        return ToMessage(entity);
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Event> ChangeEventStatus(ChangeEventStatusRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.Id, "id", "an event", out var id)
            .Check(request.Status != EventStatus.Unspecified && System.Enum.IsDefined(request.Status), "status", "status must be a known event status.")
            .Check(request.Status != EventStatus.Cancelled || !string.IsNullOrWhiteSpace(request.Reason), "reason",
                "A cancellation needs a reason: participants are told it.")
            .Check(request.Reason.Length <= 500, "reason", "reason must be at most 500 characters.")
            .ThrowIfAny();
        var entity = await db.Events.SingleOrDefaultAsync(e => e.Id == id, context.CancellationToken)
                     ?? throw RpcErrors.NotFound("event", request.Id);
        if (!EventLifecycle.CanMove(entity.Status, request.Status))
        {
            var allowed = EventLifecycle.AllowedFrom(entity.Status);
            throw RpcErrors.FailedPrecondition(request.Id, "STATUS_" + entity.Status.ToString().ToUpperInvariant(),
                $"The event is {Words.Of(entity.Status)}; it cannot become {Words.Of(request.Status)}. " +
                (allowed.Count == 0 ? "It is final." : "It can become: " + string.Join(", ", allowed.Select(s => Words.Of(s))) + "."));
        }
        if (request.Status == EventStatus.Held && time.GetUtcNow() < entity.StartsAt)
        {
            throw RpcErrors.FailedPrecondition(request.Id, "NOT_STARTED", $"The event starts at {entity.StartsAt:yyyy-MM-dd HH:mm}; it cannot be held before then.");
        }
        entity.Status = request.Status;
        if (request.Status == EventStatus.Cancelled) entity.CancellationReason = request.Reason.Trim();
        await db.SaveChangesAsync(context.CancellationToken);
        await publicCache.BumpAsync();
        return ToMessage(entity);
    }

    public override async Task<V1.Event> GetEvent(GetEventRequest request, ServerCallContext context)
    {
        var id = FieldViolations.ParseId(request.Id, "id", "an event");
        var entity = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, context.CancellationToken)
                     ?? throw RpcErrors.NotFound("event", request.Id);
        return ToMessage(entity);
    }

    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var events = await db.Events.AsNoTracking()
            .OrderByDescending(e => e.StartsAt)
            .ToListAsync(context.CancellationToken);
        return new ListEventsResponse { Events = { events.Select(ToMessage) } };
    }

    private static V1.Event ToMessage(Event e) => new()
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
        RegistrationOpensAt = e.RegistrationOpensAt is { } opens ? Timestamp.FromDateTimeOffset(opens) : null,
        RegistrationClosesAt = Timestamp.FromDateTimeOffset(e.RegistrationClosesAt),
        PublicSignup = e.PublicSignup,
        Agenda = e.Agenda,
        CancellationReason = e.CancellationReason ?? "",
        PlanId = e.PlanId?.ToString() ?? "",
    };
}
