using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.ServiceDefaults.Authentication;
using Inspection = OpenDay.Assessment.Domain.Inspection;

namespace OpenDay.Assessment.Grpc;

/// <summary>Inspections and on-site visits (督促检查、现场走访, §六(四)): recorded by the county, rectified by the unit.</summary>
public partial class AssessmentGrpcService
{
    private const int DefaultInspectionPage = 50;
    private const int MaxInspectionPage = 100;

    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector}")]
    public override async Task<V1.Inspection> RecordInspection(RecordInspectionRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var violations = new FieldViolations()
            .Required(request.UnitCode, "unit_code", 64)
            .Check(request.EventId.Length == 0 || Guid.TryParse(request.EventId, out _), "event_id", "event_id must be an event id (a UUID) or empty.")
            .Date(request.InspectedOn, "inspected_on", out var inspectedOn);
        InspectionRules.CheckRecord(violations, request, inspectedOn, Today).ThrowIfAny();
        var unitCode = request.UnitCode.Trim();
        await CheckActiveUnitAsync(violations, unitCode, "unit_code", ct);
        if (request.EventId.Length > 0) violations.Check(await IsEventOfAsync(request.EventId, unitCode, ct), "event_id", "event_id must be an event of the inspected unit.");
        violations.ThrowIfAny();

        var inspection = new Inspection
        {
            AssignedTenantId = unitCode,
            EventId = request.EventId.Length > 0 ? Guid.Parse(request.EventId) : null,
            InspectedOn = inspectedOn,
            Kind = request.Kind,
            Findings = request.Findings.Trim(),
            Rating = request.Rating,
            RectificationRequired = request.RectificationRequired.Trim(),
            RectificationWorkingDays = request.RectificationWorkingDays,
            RecordedBy = caller.UserName ?? "",
            RecordedAt = time.GetUtcNow(),
        };
        if (inspection.NeedsRectification)
        {
            // The official calendar (statutory holidays, make-up working days), as for the ledger's due dates.
            inspection.RectificationDueOn = await calendar.AddAsync(inspectedOn, request.RectificationWorkingDays, ct);
        }
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return ToMessage(inspection);
    }

    public override async Task<V1.Inspection> GetInspection(GetInspectionRequest request, ServerCallContext context) =>
        ToMessage(await FindInspectionAsync(request.Id, tracked: false, context.CancellationToken));

    public override async Task<ListInspectionsResponse> ListInspections(ListInspectionsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Check(request.UnitCode.Length <= 64, "unit_code", "unit_code must be at most 64 characters.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultInspectionPage, MaxInspectionPage, violations);
        violations.ThrowIfAny();
        // The query filter leaves a unit its own (and its supervised units'); the county roles see every unit's.
        var query = db.Inspections.AsNoTracking();
        if (request.UnitCode.Length > 0) query = query.Where(i => i.AssignedTenantId == request.UnitCode);
        if (request.OpenOnly) query = query.Where(i => i.Rating == InspectionRating.ProblemsFound && i.RectifiedOn == null);
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).ThenBy(i => i.Id)
            .Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        return new ListInspectionsResponse
        {
            Inspections = { page.Select(ToMessage) },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
        };
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Inspection> RecordRectification(RecordRectificationRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.Id, "id", "an inspection", out _)
            .Required(request.Note, "note", InspectionRules.MaxRectification)
            .ThrowIfAny();
        var inspection = await FindInspectionAsync(request.Id, tracked: true, context.CancellationToken);
        // Only the inspected unit itself; its supervisor reads the inspection but does not answer for it.
        if (inspection.AssignedTenantId != caller.TenantId) throw RpcErrors.NotFound("inspection", request.Id);
        if (InspectionRules.RectificationRefusal(inspection) is { } refusal)
        {
            throw RpcErrors.FailedPrecondition(request.Id, inspection.NeedsRectification ? "RECTIFIED" : "NO_PROBLEMS", refusal);
        }
        inspection.RectifiedOn = Today;
        inspection.RectificationNote = request.Note.Trim();
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(inspection);
    }

    /// <summary>Whether the event belongs to the unit, as the events service says to the county caller.</summary>
    private async Task<bool> IsEventOfAsync(string eventId, string unitCode, CancellationToken ct)
    {
        try
        {
            var found = await events.GetEventAsync(new GetEventRequest { Id = eventId }, deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: ct);
            return found.UnitCode == unitCode;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return false;
        }
    }

    private async Task<Inspection> FindInspectionAsync(string value, bool tracked, CancellationToken ct)
    {
        var id = FieldViolations.ParseId(value, "id", "an inspection");
        var query = tracked ? db.Inspections : db.Inspections.AsNoTracking();
        return await query.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw RpcErrors.NotFound("inspection", value);
    }

    private static V1.Inspection ToMessage(Inspection i) => new()
    {
        Id = i.Id.ToString(),
        UnitCode = i.AssignedTenantId,
        EventId = i.EventId?.ToString() ?? "",
        InspectedOn = i.InspectedOn.ToWire(),
        Kind = i.Kind,
        Findings = i.Findings,
        Rating = i.Rating,
        RectificationRequired = i.RectificationRequired,
        RectificationWorkingDays = i.RectificationWorkingDays,
        RectificationDueOn = i.RectificationDueOn?.ToWire() ?? "",
        RectifiedOn = i.RectifiedOn?.ToWire() ?? "",
        RectificationNote = i.RectificationNote,
        Open = i.IsOpen,
        RectifiedOnTime = i.RectifiedOnTime,
        RecordedBy = i.RecordedBy,
        RecordedAt = Timestamp.FromDateTimeOffset(i.RecordedAt),
    };
}
