using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>An open point's lifecycle and registration window, through the gateway.</summary>
[Collection(StackCollection.Name)]
public class EventLifecycleTests(OpenDayStack stack)
{
    [Fact]
    public async Task An_event_goes_from_draft_to_reported_one_step_at_a_time()
    {
        var unit = new Clients(stack, "gaoqiao.staff");
        var id = await unit.CreateEventAsync("全流程开放日");
        foreach (var next in new[] { EventStatus.Published, EventStatus.RegistrationOpen, EventStatus.RegistrationClosed, EventStatus.Held, EventStatus.Reported })
        {
            Assert.Equal(next, (await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = id, Status = next }, await unit.Call())).Status);
        }
        var final = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.ChangeEventStatusAsync(
            new ChangeEventStatusRequest { Id = id, Status = EventStatus.Cancelled, Reason = "太晚了" }, await unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, final.StatusCode);
        Assert.Contains("reported", final.Status.Detail);
    }

    [Fact]
    public async Task An_illegal_move_names_the_current_status_and_changes_nothing()
    {
        var unit = new Clients(stack, "gaoqiao.staff");
        var id = await unit.CreateEventAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.ChangeEventStatusAsync(
            new ChangeEventStatusRequest { Id = id, Status = EventStatus.Held }, await unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("The event is draft", error.Status.Detail);
        Assert.Equal(EventStatus.Draft, (await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call())).Status);
    }

    [Fact]
    public async Task A_cancellation_needs_a_reason_and_is_final()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var id = await unit.CreateEventAsync();
        var noReason = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.ChangeEventStatusAsync(
            new ChangeEventStatusRequest { Id = id, Status = EventStatus.Cancelled }, await unit.Call()));
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal("reason", noReason.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        var cancelled = await unit.Events.ChangeEventStatusAsync(
            new ChangeEventStatusRequest { Id = id, Status = EventStatus.Cancelled, Reason = "场地检修，改期另行通知" }, await unit.Call());
        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        Assert.Equal("场地检修，改期另行通知", cancelled.CancellationReason);

        var again = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.ChangeEventStatusAsync(
            new ChangeEventStatusRequest { Id = id, Status = EventStatus.Published }, await unit.Call()));
        Assert.Contains("cancelled", again.Status.Detail);
    }

    [Fact]
    public async Task A_start_in_the_past_is_refused_unless_it_is_a_backfill_and_a_backfill_must_be_past()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var before = (await unit.Events.ListEventsAsync(new ListEventsRequest(), await unit.Call())).Events.Count;
        var past = EventRequests.New("昨日开放日", new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc));
        past.Backfill = false;
        var slip = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.CreateEventAsync(past, await unit.Call()));
        Assert.Equal("starts_at", slip.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        var future = EventRequests.New("未来补录", new DateTime(OpenDayStack.SignUpYear, 10, 20, 1, 0, 0, DateTimeKind.Utc));
        future.Backfill = true;
        var wrong = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.CreateEventAsync(future, await unit.Call()));
        Assert.Equal("backfill", wrong.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal(before, (await unit.Events.ListEventsAsync(new ListEventsRequest(), await unit.Call())).Events.Count);

        past.Backfill = true;
        Assert.True((await unit.Events.CreateEventAsync(past, await unit.Call())).Backfill);
    }

    [Fact]
    public async Task Registration_closes_before_the_start()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var starts = new DateTime(2026, 10, 22, 1, 0, 0, DateTimeKind.Utc);
        var request = new CreateEventRequest
        {
            Title = "报名窗口", Theme = "政务公开", Venue = "会议室", Capacity = 30, Forms = { EventForm.Forum }, PublicSignup = true,
            StartsAt = Timestamp.FromDateTime(starts), EndsAt = Timestamp.FromDateTime(starts.AddHours(2)),
            RegistrationClosesAt = Timestamp.FromDateTime(starts.AddHours(1)),
            Backfill = true, // 补录: the 2026 campaign is over
        };
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.CreateEventAsync(request, await unit.Call()));
        Assert.Equal("registration_closes_at", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);

        request.RegistrationClosesAt = null; // defaults to a day before the start
        var created = await unit.Events.CreateEventAsync(request, await unit.Call());
        Assert.Equal(starts.AddDays(-1), created.RegistrationClosesAt.ToDateTime());
        Assert.True(created.PublicSignup);
    }
}
