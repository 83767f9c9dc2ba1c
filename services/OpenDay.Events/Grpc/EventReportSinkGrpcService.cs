using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.ServiceDefaults.Authentication;

namespace OpenDay.Events.Grpc;

/// <summary>
/// Where the assessment service's outbox arrives when a unit publishes an event's report: the held event becomes
/// reported. Delivered until acknowledged, so it must be idempotent: an event reported already is acknowledged as it is.
/// The call acts for the event's unit (its query filters and row-level security), so a change for an event of another
/// unit than the one named finds nothing.
/// </summary>
[Authorize(Roles = Roles.Service)]
public sealed class EventReportSinkGrpcService(EventsDbContext db, CallerContext caller, PublicListingCache publicCache)
    : EventReportSink.EventReportSinkBase
{
    public override async Task<MarkEventReportedResponse> MarkEventReported(MarkEventReportedRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Required(request.UnitCode, "unit_code", 64)
            .Id(request.ReportId, "report_id", "a report", out _)
            .Date(request.DueOn, "due_on", out var dueOn)
            .Date(request.PublishedOn, "published_on", out var publishedOn)
            .ThrowIfAny();
        caller.ActFor(request.UnitCode);

        var calendar = await db.LoadCalendarAsync(context.CancellationToken);
        var late = EventsGrpcService.CountOrRefuse(calendar, dueOn, publishedOn);
        var entity = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, context.CancellationToken)
                     ?? throw RpcErrors.NotFound("event", request.EventId);
        if (entity.Status == EventStatus.Reported) return new MarkEventReportedResponse { Applied = false, WorkingDaysLate = late };
        if (!EventLifecycle.CanMove(entity.Status, EventStatus.Reported))
        {
            throw RpcErrors.FailedPrecondition(request.EventId, "STATUS_" + entity.Status.ToString().ToUpperInvariant(),
                $"The event is {Words.Of(entity.Status)}; only a held event becomes reported.");
        }
        entity.Status = EventStatus.Reported;
        await db.SaveChangesAsync(context.CancellationToken);
        await publicCache.BumpAsync();
        return new MarkEventReportedResponse { Applied = true, WorkingDaysLate = late };
    }
}
