using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using Plan = OpenDay.Events.Domain.Plan;
using OpenDay.Platform.Time;

namespace OpenDay.Events.Grpc;

/// <summary>Plan filing (计划备案): the unit files, the county office records or returns, the unit may refile.</summary>
public partial class EventsGrpcService
{
    [Authorize(Roles = Roles.UnitAdmin)]
    public override async Task<V1.Plan> FilePlan(FilePlanRequest request, ServerCallContext context)
    {
        var campaign = await CampaignOfAsync(request.Year, context.CancellationToken);
        var violations = new FieldViolations()
            .Check(request.OpenDates.Count > 0, "open_dates", "open_dates needs at least one open date (开放时间).")
            .Check(request.Themes.Count > 0 && request.Themes.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 200), "themes",
                "themes needs at least one theme (活动主题) of at most 200 characters.")
            .Check(request.Forms.Count > 0 && request.Forms.All(f => f != EventForm.Unspecified && System.Enum.IsDefined(f)), "forms",
                "forms needs at least one of the four forms of activity.")
            .Required(request.ImplementationPlan, "implementation_plan", 8000);
        var dates = new List<DateOnly>();
        for (var i = 0; i < request.OpenDates.Count; i++)
        {
            var date = WireDate.TryParse(request.OpenDates[i], out var parsed) ? parsed : (DateOnly?)null;
            campaign.CheckOpenDate(violations, $"open_dates[{i}]", date);
            if (date is { } day) dates.Add(day);
        }
        violations.ThrowIfAny();

        var tenant = caller.RequiredTenantId;
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.TenantId == tenant && p.Year == request.Year, context.CancellationToken);
        if (plan is { Status: PlanStatus.Recorded })
        {
            throw RpcErrors.FailedPrecondition(plan.Id.ToString(), "RECORDED", $"The {request.Year} plan is recorded (已备案) already.");
        }
        if (plan is null) db.Plans.Add(plan = new Plan { Year = request.Year, ImplementationPlan = "" });
        var now = time.GetUtcNow();
        plan.OpenDates = dates.Distinct().Order().ToList();
        plan.Themes = request.Themes.Select(t => t.Trim()).ToList();
        plan.Forms = request.Forms.Distinct().ToList();
        plan.ImplementationPlan = request.ImplementationPlan.Trim();
        plan.Status = PlanStatus.Filed;
        plan.FiledAt = now;
        plan.Late = campaign.IsLateFiling(ChinaTime.DateOf(now));
        plan.ReturnReason = null;
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(plan);
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override Task<V1.Plan> RecordPlan(ReviewPlanRequest request, ServerCallContext context) =>
        ReviewAsync(request, PlanStatus.Recorded, context.CancellationToken);

    [Authorize(Roles = Roles.CountyAdmin)]
    public override Task<V1.Plan> ReturnPlan(ReviewPlanRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Check(!string.IsNullOrWhiteSpace(request.Reason), "reason", "A returned plan needs a reason: the unit is told it.")
            .Check(request.Reason.Length <= 500, "reason", "reason must be at most 500 characters.")
            .ThrowIfAny();
        return ReviewAsync(request, PlanStatus.Returned, context.CancellationToken);
    }

    public override async Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context)
    {
        var plans = await db.Plans.AsNoTracking()
            .Where(p => request.Year == 0 || p.Year == request.Year)
            .OrderBy(p => p.Year).ThenBy(p => p.TenantId)
            .ToListAsync(context.CancellationToken);
        return new ListPlansResponse { Plans = { plans.Select(ToMessage) } };
    }

    private async Task<V1.Plan> ReviewAsync(ReviewPlanRequest request, PlanStatus outcome, CancellationToken cancellationToken)
    {
        var id = FieldViolations.ParseId(request.Id, "id", "a plan");
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw RpcErrors.NotFound("plan", request.Id);
        if (plan.Status != PlanStatus.Filed)
        {
            throw RpcErrors.FailedPrecondition(request.Id, "STATUS_" + plan.Status.ToString().ToUpperInvariant(),
                $"The plan is {Words.Of(plan.Status)}; only a filed plan can be recorded or returned.");
        }
        plan.Status = outcome;
        plan.ReturnReason = outcome == PlanStatus.Returned ? request.Reason.Trim() : null;
        plan.ReviewedBy = caller.UserName;
        plan.ReviewedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return ToMessage(plan);
    }

    private static V1.Plan ToMessage(Plan p) => new()
    {
        Id = p.Id.ToString(),
        UnitCode = p.TenantId,
        Year = p.Year,
        OpenDates = { p.OpenDates.Select(d => d.ToWire()) },
        Themes = { p.Themes },
        Forms = { p.Forms },
        ImplementationPlan = p.ImplementationPlan,
        Status = p.Status,
        FiledAt = Timestamp.FromDateTimeOffset(p.FiledAt),
        Late = p.Late,
        ReturnReason = p.ReturnReason ?? "",
        ReviewedBy = p.ReviewedBy ?? "",
    };
}
