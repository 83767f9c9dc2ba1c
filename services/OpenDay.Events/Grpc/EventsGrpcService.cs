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
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using Event = OpenDay.Events.Domain.Event;
using Campaign = OpenDay.Events.Domain.Campaign;
using OpenDay.Platform.Time;

namespace OpenDay.Events.Grpc;

public partial class EventsGrpcService(EventsDbContext db, CallerContext caller, TimeProvider time, PublicListingCache publicCache,
    UnitsService.UnitsServiceClient publicUnits, PublicUnitList publicUnitList, RegistrationsService.RegistrationsServiceClient registrations)
    : EventsService.EventsServiceBase
{
    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Event> CreateEvent(CreateEventRequest request, ServerCallContext context)
    {
        var forms = request.Forms.Distinct().ToList();
        var (startsAt, endsAt) = (request.StartsAt?.ToDateTimeOffset(), request.EndsAt?.ToDateTimeOffset());
        var opens = request.RegistrationOpensAt?.ToDateTimeOffset();
        var closes = EventRules.RegistrationClosesAt(request.RegistrationClosesAt?.ToDateTimeOffset(), startsAt);
        var violations = await CheckEventAsync(request.Title, request.Theme, request.Venue, forms, request.Capacity, request.Agenda,
            request.Backfill, startsAt, endsAt, opens, closes, context.CancellationToken);
        if (startsAt is { } start && request.PlanId.Length > 0)
        {
            // Only the caller's own plan for that year: the query filter hides other units' plans.
            var year = ChinaTime.DateOf(start).Year;
            var planOk = Guid.TryParse(request.PlanId, out var planId) && await db.Plans.AnyAsync(
                p => p.Id == planId && p.Year == year && p.TenantId == caller.TenantId, context.CancellationToken);
            violations.Check(planOk, "plan_id", $"plan_id must be your unit's plan for {year}.");
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
            StartsAt = startsAt!.Value,
            EndsAt = endsAt!.Value,
            Capacity = request.Capacity,
            RegistrationOpensAt = opens,
            RegistrationClosesAt = closes!.Value,
            PublicSignup = request.PublicSignup,
            Agenda = request.Agenda.Trim(),
            PlanId = request.PlanId.Length > 0 ? Guid.Parse(request.PlanId) : null,
            Backfill = request.Backfill,
        };
        db.Events.Add(entity);
        await db.SaveChangesAsync(context.CancellationToken);
        await publicCache.BumpAsync();
        return entity.ToMessage();
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Event> UpdateEvent(UpdateEventRequest request, ServerCallContext context)
    {
        var id = FieldViolations.ParseId(request.Id, "id", "an event");
        var entity = await db.Events.SingleOrDefaultAsync(e => e.Id == id, context.CancellationToken)
                     ?? throw RpcErrors.NotFound("event", request.Id);
        if (EventLifecycle.EditRefusal(entity.Status, entity.Backfill, entity.RegistrationClosesAt, time.GetUtcNow()) is { } refusal)
        {
            throw RpcErrors.FailedPrecondition(request.Id, refusal.Type, refusal.Reason);
        }

        var forms = request.Forms.Distinct().ToList();
        var (startsAt, endsAt) = (request.StartsAt?.ToDateTimeOffset(), request.EndsAt?.ToDateTimeOffset());
        var opens = request.RegistrationOpensAt?.ToDateTimeOffset();
        var closes = EventRules.RegistrationClosesAt(request.RegistrationClosesAt?.ToDateTimeOffset(), startsAt);
        var violations = await CheckEventAsync(request.Title, request.Theme, request.Venue, forms, request.Capacity, request.Agenda,
            entity.Backfill, startsAt, endsAt, opens, closes, context.CancellationToken);
        if (startsAt is { } start && entity.PlanId is not null)
        {
            var planYear = ChinaTime.DateOf(entity.StartsAt).Year;
            violations.Check(ChinaTime.DateOf(start).Year == planYear, "starts_at",
                $"starts_at must stay in {planYear}: the event carries out your unit's {planYear} plan.");
        }
        if (request.Capacity < entity.Capacity && request.Capacity >= 1)
        {
            EventRules.CheckCapacityKeepsRoster(violations, request.Capacity, await ConfirmedCountAsync(entity, context.CancellationToken));
        }
        violations.ThrowIfAny();

        entity.Title = request.Title.Trim();
        entity.Theme = request.Theme.Trim();
        entity.Venue = request.Venue.Trim();
        entity.Forms = forms;
        entity.StartsAt = startsAt!.Value;
        entity.EndsAt = endsAt!.Value;
        entity.Capacity = request.Capacity;
        entity.RegistrationOpensAt = opens;
        entity.RegistrationClosesAt = closes!.Value;
        entity.PublicSignup = request.PublicSignup;
        entity.Agenda = request.Agenda.Trim();
        // The outbox row goes with this save (EventsDbContext): registrations and the public listing follow.
        await db.SaveChangesAsync(context.CancellationToken);
        await publicCache.BumpAsync();
        return entity.ToMessage();
    }

    /// <summary>
    /// The confirmed roster's size, from registrations (which owns it), asked with the caller's token. A draft nobody has
    /// been confirmed for yet may not have reached registrations: it waits briefly for it (its outbox is delivered
    /// within a second); if registrations cannot answer, nothing is changed.
    /// </summary>
    private async Task<int> ConfirmedCountAsync(Event entity, CancellationToken cancellationToken)
    {
        try
        {
            var roster = await registrations.GetRosterAsync(new GetRosterRequest { EventId = entity.Id.ToString() },
                deadline: DateTime.UtcNow.AddSeconds(8), cancellationToken: cancellationToken);
            return roster.Confirmed;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.NotFound)
        {
            throw RpcErrors.Unavailable("报名服务暂时无法确认已确认人数，容量未修改，请稍后再试。" +
                                        "The confirmed roster cannot be counted right now; the capacity was not changed. Try again shortly.");
        }
    }

    /// <summary>What creating and changing an event both ask (EventRules, the campaign of the start's year), on the request's fields.</summary>
    private async Task<FieldViolations> CheckEventAsync(string title, string theme, string venue, IReadOnlyCollection<EventForm> forms, int capacity,
        string agenda, bool backfill, DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset? opens, DateTimeOffset? closes,
        CancellationToken cancellationToken)
    {
        var violations = EventRules.CheckDetails(new FieldViolations(), title, theme, venue, forms, capacity, agenda);
        EventRules.CheckTimes(violations, time.GetUtcNow(), backfill, startsAt, endsAt, opens, closes);
        if (startsAt is { } start && endsAt is { } end)
        {
            var (startsOn, endsOn) = (ChinaTime.DateOf(start), ChinaTime.DateOf(end));
            var campaign = await CampaignOfAsync(startsOn.Year, cancellationToken);
            campaign.CheckEvent(violations, startsOn, endsOn, capacity);
        }
        return violations;
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
        return entity.ToMessage();
    }

    /// <summary>The campaign of a year, or the precondition that the county office has not opened it yet.</summary>
    private async Task<Campaign> CampaignOfAsync(int year, CancellationToken cancellationToken) =>
        await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Year == year, cancellationToken)
        ?? throw RpcErrors.FailedPrecondition(year.ToString(CultureInfo.InvariantCulture), "NO_CAMPAIGN",
            $"{year} 年的政府开放日活动尚未开启。There is no {year} campaign yet; the county office opens it.");

    public override async Task<V1.Event> GetEvent(GetEventRequest request, ServerCallContext context)
    {
        var id = FieldViolations.ParseId(request.Id, "id", "an event");
        var entity = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, context.CancellationToken)
                     ?? throw RpcErrors.NotFound("event", request.Id);
        return entity.ToMessage();
    }

    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var events = await db.Events.AsNoTracking()
            .OrderByDescending(e => e.StartsAt)
            .ToListAsync(context.CancellationToken);
        return new ListEventsResponse { Events = { events.Select(e => e.ToMessage()) } };
    }
}
