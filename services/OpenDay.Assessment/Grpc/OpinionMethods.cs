using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Time;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using Google.Api;
using Opinion = OpenDay.Assessment.Domain.Opinion;

namespace OpenDay.Assessment.Grpc;

/// <summary>The opinion ledger (工作台账): owned by the recording unit, assigned to the responsible unit.</summary>
public partial class AssessmentGrpcService
{
    private const int DefaultOpinionPage = 100;
    private const int MaxOpinionPage = 500;
    private const int DefaultOverduePage = 100;
    private const int MaxOverduePage = 1000;

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Opinion> RecordOpinion(RecordOpinionRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var violations = new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out _)
            .Check(request.RaisedBy.Length <= 50, "raised_by", "raised_by must be at most 50 characters.")
            .Required(request.Text, "text", 4000)
            .Required(request.Topic, "topic", 100)
            .Check(request.ResponsibleUnitCode.Length <= 64, "responsible_unit_code", "responsible_unit_code must be at most 64 characters.")
            .Check(System.Enum.IsDefined(request.RaisedByCategory), "raised_by_category", "raised_by_category must be a participant category.")
            .Date(request.DueDate, "due_date", out var dueDate, optional: true)
            .Date(request.RaisedOn, "raised_on", out var raisedOn, optional: true);
        violations.ThrowIfAny();

        var evt = await eventOwnership.RequireOwnEventAsync(request.EventId, ct);
        var responsible = string.IsNullOrWhiteSpace(request.ResponsibleUnitCode) ? caller.RequiredTenantId : request.ResponsibleUnitCode.Trim();
        if (responsible != caller.TenantId) await CheckActiveUnitAsync(violations, responsible, "responsible_unit_code", ct);
        var eventDay = ChinaTime.DateOf(evt.StartsAt.ToDateTimeOffset());
        if (request.RaisedOn.Length == 0) raisedOn = Today;
        violations
            .Check(raisedOn >= eventDay, "raised_on", $"raised_on must be on or after the event's date ({eventDay.ToWire()}).")
            .Check(raisedOn <= Today, "raised_on", "raised_on cannot be in the future.")
            .Check(request.DueDate.Length == 0 || dueDate >= eventDay, "due_date", $"due_date cannot be before the event ({eventDay.ToWire()}).")
            .Check(request.DueDate.Length == 0 || dueDate >= raisedOn, "due_date", "due_date cannot be before raised_on.")
            .ThrowIfAny();
        if (request.DueDate.Length == 0)
        {
            var campaign = await CampaignOfAsync(eventDay.Year, ct);
            dueDate = await OpinionDeadline.DueOnAsync(raisedOn, campaign.OpinionDueWorkingDays, calendar, ct);
        }

        var opinion = new Opinion
        {
            EventId = Guid.Parse(request.EventId),
            AssignedTenantId = responsible,
            RaisedBy = request.RaisedBy.Trim(),
            RaisedByCategory = request.RaisedByCategory == ParticipantCategory.Unspecified ? ParticipantCategory.PublicRepresentative : request.RaisedByCategory,
            Text = request.Text.Trim(),
            Topic = request.Topic.Trim(),
            RaisedOn = raisedOn,
            DueDate = dueDate,
        };
        opinion.Record(Me);
        db.Opinions.Add(opinion);
        await db.SaveChangesAsync(ct);
        return ToMessage(opinion);
    }

    public override async Task<V1.Opinion> GetOpinion(GetOpinionRequest request, ServerCallContext context)
    {
        var opinion = await FindOpinionAsync(request.Id, "id", tracked: false, context.CancellationToken);
        return ToMessage(opinion, withHistory: true);
    }

    public override async Task<ListOpinionsResponse> ListOpinions(ListOpinionsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Check(request.EventId.Length == 0 || Guid.TryParse(request.EventId, out _), "event_id", "event_id must be an event id (a UUID).")
            .Check(System.Enum.IsDefined(request.Status), "status", "status must be an opinion status.")
            .Check(System.Enum.IsDefined(request.Scope), "scope", "scope must be all, recorded or assigned.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultOpinionPage, MaxOpinionPage, violations);
        violations.ThrowIfAny();

        var query = db.Opinions.AsNoTracking();
        var tenant = caller.TenantId;
        query = request.Scope switch
        {
            OpinionScope.Recorded => query.Where(o => o.TenantId == tenant),
            OpinionScope.Assigned => query.Where(o => o.AssignedTenantId == tenant),
            _ => query,
        };
        if (request.Status != OpinionStatus.Unspecified) query = query.Where(o => o.Status == request.Status);
        if (request.EventId.Length > 0)
        {
            var eventId = Guid.Parse(request.EventId);
            query = query.Where(o => o.EventId == eventId);
        }
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)
            .Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        return new ListOpinionsResponse
        {
            Opinions = { page.Select(o => ToMessage(o)) },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
        };
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Opinion> ChangeOpinionStatus(ChangeOpinionStatusRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Id(request.Id, "id", "an opinion", out _)
            .Check(OpinionLifecycle.Moves.Contains(request.Status), "status",
                "status must be in progress, adopted, partly adopted, not adopted or answered (hand an opinion back with HandBackOpinion).");
        OpinionLifecycle.CheckTexts(violations, request.Status, request.Explanation, request.Answer).ThrowIfAny();

        var opinion = await FindOpinionAsync(request.Id, "id", tracked: true, context.CancellationToken);
        RequireResponsibleUnit(opinion);
        RefuseUnless(opinion, OpinionLifecycle.MoveRefusal(opinion.Status, request.Status));
        opinion.MoveTo(request.Status, request.Explanation.Trim(), request.Answer.Trim(), Me, Today);
        await db.SaveChangesAsync(context.CancellationToken);
        // An answer is public (§五(四) "向社会公开").
        if (request.Status == OpinionStatus.Answered) await publicCache.BumpAsync();
        return ToMessage(opinion, withHistory: true);
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Opinion> HandBackOpinion(HandBackOpinionRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.Id, "id", "an opinion", out _)
            .Required(request.Reason, "reason", OpinionLifecycle.MaxReason)
            .ThrowIfAny();
        var opinion = await FindOpinionAsync(request.Id, "id", tracked: true, context.CancellationToken);
        RequireResponsibleUnit(opinion);
        RefuseUnless(opinion, OpinionLifecycle.HandBackRefusal(opinion.Status));
        opinion.HandBack(request.Reason.Trim(), Me);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(opinion, withHistory: true);
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff},{Roles.CountyAdmin}")]
    public override async Task<V1.Opinion> ReassignOpinion(ReassignOpinionRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Id(request.Id, "id", "an opinion", out _)
            .Required(request.ResponsibleUnitCode, "responsible_unit_code", 64)
            .Check(request.Note.Length <= OpinionLifecycle.MaxReason, "note", $"note must be at most {OpinionLifecycle.MaxReason} characters.");
        violations.ThrowIfAny();
        var opinion = await FindOpinionAsync(request.Id, "id", tracked: true, context.CancellationToken);
        if (opinion.TenantId != caller.TenantId && !caller.IsInRole(Roles.CountyAdmin))
        {
            throw RpcErrors.PermissionDenied("只有记录单位或县政务公开办公室可以重新交办。Only the recording unit or the county admin reassigns an opinion.");
        }
        var unitCode = request.ResponsibleUnitCode.Trim();
        await CheckActiveUnitAsync(violations, unitCode, "responsible_unit_code", context.CancellationToken);
        violations.ThrowIfAny();
        RefuseUnless(opinion, OpinionLifecycle.ReassignRefusal(opinion.Status));
        opinion.Reassign(unitCode, request.Note.Trim(), Me);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(opinion, withHistory: true);
    }

    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector}")]
    public override async Task<ListOverdueOpinionsResponse> ListOverdueOpinions(ListOverdueOpinionsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Check(request.UnitCode.Length <= 64, "unit_code", "unit_code must be at most 64 characters.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultOverduePage, MaxOverduePage, violations);
        violations.ThrowIfAny();

        var today = Today;
        var query = db.Opinions.AsNoTracking().Where(o => o.Status != OpinionStatus.Answered && o.DueDate < today);
        if (request.UnitCode.Length > 0) query = query.Where(o => o.AssignedTenantId == request.UnitCode);
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderBy(o => o.DueDate).ThenBy(o => o.Id)
            .Skip(paging.Offset).Take(paging.Size)
            .Select(o => new { o.Id, o.AssignedTenantId, o.TenantId, o.Topic, o.DueDate, o.Status })
            .ToListAsync(context.CancellationToken);
        // One question to the calendar for the whole page.
        var overdue = await calendar.CountManyAsync(page.Select(o => o.DueDate).ToList(), today, context.CancellationToken);
        return new ListOverdueOpinionsResponse
        {
            Opinions =
            {
                page.Select(o => new OverdueOpinion
                {
                    Id = o.Id.ToString(), ResponsibleUnitCode = o.AssignedTenantId, RecordingUnitCode = o.TenantId, Topic = o.Topic,
                    DueDate = o.DueDate.ToWire(), WorkingDaysOverdue = overdue[o.DueDate], Status = o.Status,
                }),
            },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
            AsOf = today.ToWire(),
        };
    }

    public override async Task<OpinionSummary> GetOpinionSummary(GetOpinionSummaryRequest request, ServerCallContext context)
    {
        var today = Today;
        var query = db.Opinions.AsNoTracking();
        // A unit sees its own row: what it was asked to answer; the county roles see every unit's.
        if (!caller.IsCountyRole)
        {
            var tenant = caller.TenantId;
            query = query.Where(o => o.AssignedTenantId == tenant);
        }
        var rows = await query.GroupBy(o => o.AssignedTenantId)
            .Select(g => new UnitOpinionSummary
            {
                UnitCode = g.Key,
                Received = g.Count(),
                Answered = g.Count(o => o.Status == OpinionStatus.Answered),
                AnsweredOnTime = g.Count(o => o.Status == OpinionStatus.Answered && o.AnsweredOn <= o.DueDate),
                Overdue = g.Count(o => o.Status != OpinionStatus.Answered && o.DueDate < today),
            })
            .ToListAsync(context.CancellationToken);
        return new OpinionSummary { Units = { rows.OrderBy(r => r.UnitCode, StringComparer.Ordinal) }, AsOf = today.ToWire() };
    }

    public override async Task<HttpBody> ExportOpinions(ExportOpinionsRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Check(System.Enum.IsDefined(request.Format), "format", "format must be CSV or XLSX.")
            .ThrowIfAny();
        var opinions = await db.Opinions.AsNoTracking()
            .OrderBy(o => o.RaisedOn).ThenBy(o => o.CreatedAt)
            .ToListAsync(context.CancellationToken);
        var rows = LedgerExport.Rows(opinions, Today);
        var xlsx = request.Format == ExportFormat.Xlsx;
        context.GetHttpContext().Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"工作台账-{caller.TenantId}-{Today.ToWire()}.{(xlsx ? "xlsx" : "csv")}",
        }.ToString();
        return xlsx
            ? new HttpBody { ContentType = LedgerExport.XlsxContentType, Data = ByteString.CopyFrom(LedgerExport.ToXlsx(rows)) }
            : new HttpBody { ContentType = LedgerExport.CsvContentType, Data = ByteString.CopyFrom(LedgerExport.ToCsv(rows)) };
    }

    /// <summary>The opinion if the caller may read it (recording unit, responsible unit and their supervisors, county); NotFound otherwise.</summary>
    private async Task<Opinion> FindOpinionAsync(string value, string field, bool tracked, CancellationToken cancellationToken)
    {
        var id = FieldViolations.ParseId(value, field, "an opinion");
        var query = tracked ? db.Opinions : db.Opinions.AsNoTracking();
        return await query.SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw RpcErrors.NotFound("opinion", value);
    }

    /// <summary>Only the responsible unit moves an opinion; the recording unit, supervisors and the county read it.</summary>
    private void RequireResponsibleUnit(Opinion opinion)
    {
        if (opinion.AssignedTenantId != caller.TenantId)
        {
            throw RpcErrors.PermissionDenied(
                $"只有责任单位（{opinion.AssignedTenantId}）可以办理该意见。Only the responsible unit ({opinion.AssignedTenantId}) moves this opinion.");
        }
    }

    private static void RefuseUnless(Opinion opinion, string? refusal)
    {
        if (refusal is not null)
        {
            throw RpcErrors.FailedPrecondition(opinion.Id.ToString(), "STATUS_" + opinion.Status.ToString().ToUpperInvariant(), refusal);
        }
    }

    /// <summary>The unit directory decides: an unknown or retired unit is refused, naming the field.</summary>
    private async Task CheckActiveUnitAsync(FieldViolations violations, string unitCode, string field, CancellationToken cancellationToken)
    {
        var active = await ActiveUnitsAsync(cancellationToken);
        violations.Check(active.ContainsKey(unitCode), field, $"{field} '{unitCode}' is not an active unit of the unit directory.");
    }

    private static V1.Opinion ToMessage(Opinion o, bool withHistory = false)
    {
        var message = new V1.Opinion
        {
            Id = o.Id.ToString(),
            EventId = o.EventId.ToString(),
            RecordingUnitCode = o.TenantId,
            RaisedBy = o.RaisedBy,
            RaisedByCategory = o.RaisedByCategory,
            RaisedByDisplay = o.RaisedByDisplay,
            Text = o.Text,
            Topic = o.Topic,
            ResponsibleUnitCode = o.AssignedTenantId,
            RaisedOn = o.RaisedOn.ToWire(),
            DueDate = o.DueDate.ToWire(),
            Status = o.Status,
            Outcome = o.Outcome,
            Explanation = o.Explanation,
            Answer = o.Answer,
            AnsweredOn = o.AnsweredOn?.ToWire() ?? "",
            HandBackReason = o.HandBackReason,
        };
        if (withHistory)
        {
            message.History.AddRange(o.History.Select(m => new V1.OpinionMove
            {
                MovedBy = m.MovedBy, MovedByUnitCode = m.MovedByUnitCode, MovedAt = Timestamp.FromDateTimeOffset(m.MovedAt),
                From = m.From, To = m.To, Text = m.Text, ResponsibleUnitCode = m.ResponsibleUnitCode,
            }));
        }
        return message;
    }
}
