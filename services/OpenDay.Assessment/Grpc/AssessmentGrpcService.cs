using OpenDay.Audit.V1;
using OpenDay.Platform.Data;
using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Assessment.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.Shared;
using Opinion = OpenDay.Assessment.Domain.Opinion;

namespace OpenDay.Assessment.Grpc;

public class AssessmentGrpcService(AssessmentDbContext db, CallerContext caller, EventOwnership eventOwnership) : AssessmentService.AssessmentServiceBase
{
    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Opinion> RecordOpinion(RecordOpinionRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Required(request.RaisedBy, "raised_by", 50)
            .Required(request.Text, "text", 4000)
            .Required(request.Topic, "topic", 100)
            .Check(request.ResponsibleUnitCode.Length <= 64, "responsible_unit_code", "responsible_unit_code must be at most 64 characters.")
            .Date(request.DueDate, "due_date", out var dueDate)
            .ThrowIfAny();
        await eventOwnership.RequireOwnEventAsync(request.EventId, context.CancellationToken);

        var opinion = new Opinion
        {
            EventId = eventId,
            RaisedBy = request.RaisedBy.Trim(),
            Text = request.Text.Trim(),
            Topic = request.Topic.Trim(),
            ResponsibleUnitCode = string.IsNullOrWhiteSpace(request.ResponsibleUnitCode)
                ? caller.RequiredTenantId
                : request.ResponsibleUnitCode.Trim(),
            DueDate = dueDate,
        };
        db.Opinions.Add(opinion);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(opinion);
    }

    public override async Task<ListOpinionsResponse> ListOpinions(ListOpinionsRequest request, ServerCallContext context)
    {
        var opinions = await db.Opinions.AsNoTracking()
            .OrderByDescending(o => o.CreatedAt)
            .ToListAsync(context.CancellationToken);
        return new ListOpinionsResponse { Opinions = { opinions.Select(ToMessage) } };
    }

    private static V1.Opinion ToMessage(Opinion o) => new()
    {
        Id = o.Id.ToString(),
        EventId = o.EventId.ToString(),
        RaisedBy = o.RaisedBy,
        Text = o.Text,
        Topic = o.Topic,
        ResponsibleUnitCode = o.ResponsibleUnitCode,
        DueDate = o.DueDate.ToWire(),
        Status = o.Status,
    };
}
