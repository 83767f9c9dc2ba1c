using Google.Rpc;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>Plan filing (计划备案, §六(四)): the unit files, the county office records or returns, the unit may refile.</summary>
[Collection(StackCollection.Name)]
public class PlanTests(OpenDayStack stack)
{

    [Fact]
    public async Task A_late_plan_is_accepted_and_flagged_then_returned_refiled_and_recorded()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var county = new Clients(stack, "county.admin");
        var filed = await unit.Events.FilePlanAsync(EventRequests.Plan(2026, "2026-10-12"), await unit.Call()); // the 2026 deadline (09-15) has passed
        Assert.Equal(PlanStatus.Filed, filed.Status);
        Assert.True(filed.Late);

        var noReason = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.ReturnPlanAsync(new ReviewPlanRequest { Id = filed.Id }, await county.Call()));
        Assert.Equal("reason", noReason.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        await county.Events.ReturnPlanAsync(new ReviewPlanRequest { Id = filed.Id, Reason = "请补充活动流程中的安全保障安排" }, await county.Call());
        var returned = (await unit.Events.ListPlansAsync(new ListPlansRequest { Year = 2026 }, await unit.Call())).Plans.Single();
        Assert.Equal(PlanStatus.Returned, returned.Status);
        Assert.Equal("请补充活动流程中的安全保障安排", returned.ReturnReason);

        var refiled = await unit.Events.FilePlanAsync(EventRequests.Plan(2026, "2026-10-13"), await unit.Call());
        Assert.Equal((filed.Id, PlanStatus.Filed, ""), (refiled.Id, refiled.Status, refiled.ReturnReason));

        var recorded = await county.Events.RecordPlanAsync(new ReviewPlanRequest { Id = filed.Id }, await county.Call());
        Assert.Equal((PlanStatus.Recorded, "county.admin"), (recorded.Status, recorded.ReviewedBy));

        var again = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.FilePlanAsync(EventRequests.Plan(2026, "2026-10-14"), await unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var twice = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.RecordPlanAsync(new ReviewPlanRequest { Id = filed.Id }, await county.Call()));
        Assert.Contains("recorded", twice.Status.Detail);

        // Another unit does not see it; the county roles do.
        Assert.DoesNotContain((await new Clients(stack, "yicheng.admin").Events.ListPlansAsync(new ListPlansRequest { Year = 2026 },
            await new Clients(stack, "yicheng.admin").Call())).Plans, p => p.Id == filed.Id);
        var inspector = new Clients(stack, "county.inspector");
        Assert.Contains((await inspector.Events.ListPlansAsync(new ListPlansRequest { Year = 2026 }, await inspector.Call())).Plans, p => p.Id == filed.Id);
    }

    [Fact]
    public async Task A_plan_filed_before_the_deadline_is_on_time()
    {
        var county = new Clients(stack, "county.admin");
        await county.EnsureCampaignAsync(2031);
        var unit = new Clients(stack, "housing.admin");
        var filed = await unit.Events.FilePlanAsync(EventRequests.Plan(2031, "2031-10-09"), await unit.Call());
        Assert.False(filed.Late);
    }

    [Fact]
    public async Task An_event_may_carry_its_own_units_plan_only()
    {
        var yicheng = new Clients(stack, "yicheng.admin");
        var plan = await yicheng.Events.FilePlanAsync(EventRequests.Plan(2026, "2026-10-20"), await yicheng.Call());
        var request = new CreateEventRequest
        {
            Title = "按计划开放", Theme = "优化营商环境", Venue = "街道便民服务中心", Capacity = 30, Forms = { EventForm.VisitOffices },
            StartsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc)),
            EndsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 10, 20, 3, 0, 0, DateTimeKind.Utc)),
            PlanId = plan.Id,
            Backfill = true, // 补录: the 2026 campaign is over
        };
        Assert.Equal(plan.Id, (await yicheng.Events.CreateEventAsync(request, await yicheng.Call())).PlanId);

        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await gaoqiao.Events.CreateEventAsync(request, await gaoqiao.Call()));
        Assert.Equal("plan_id", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Bad_plans_name_the_field_and_nothing_is_filed()
    {
        var unit = new Clients(stack, "yicheng.admin");
        var bad = EventRequests.Plan(2026, "2026-12-01");
        bad.Themes.Clear();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.FilePlanAsync(bad, await unit.Call()));
        Assert.Equal(["themes", "open_dates[0]"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));

        var noCampaign = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.FilePlanAsync(EventRequests.Plan(2041, "2041-10-09"), await unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, noCampaign.StatusCode);
        Assert.Empty((await unit.Events.ListPlansAsync(new ListPlansRequest { Year = 2041 }, await unit.Call())).Plans);

        var staff = new Clients(stack, "gaoqiao.staff");
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await staff.Events.FilePlanAsync(EventRequests.Plan(2026, "2026-10-09"), await staff.Call()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
