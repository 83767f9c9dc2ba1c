using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// UpdateEvent: an event's details change under the same rules as its creation, until its registration closes, never
/// below its confirmed roster; registrations and the public listing follow through the events outbox.
/// </summary>
[Collection(StackCollection.Name)]
public class EventUpdateTests(OpenDayStack stack)
{
    [Fact]
    public async Task A_published_event_changes_and_registrations_and_the_public_listing_follow()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var id = await OpenEvents.CreateAsync(unit, capacity: 20, title: "修改前的开放日");
        var before = await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call());

        var update = UpdateOf(before);
        update.Title = "修改后的开放日";
        update.Venue = "高桥镇便民服务中心二楼";
        update.Capacity = 12;
        update.Forms.Add(EventForm.VisitSites);
        var updated = await unit.Events.UpdateEventAsync(update, await unit.Call());

        Assert.Equal(("修改后的开放日", "高桥镇便民服务中心二楼", 12), (updated.Title, updated.Venue, updated.Capacity));
        Assert.Equal(EventStatus.Published, updated.Status);
        Assert.Equal(new[] { EventForm.VisitOffices, EventForm.VisitSites }, updated.Forms.Order());
        var stored = await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call());
        Assert.Equal(updated, stored);

        // The public listing (and its cache) shows the new venue; registrations learns the new capacity from the outbox.
        using var gateway = stack.Gateway();
        var publicEvent = await gateway.GetFromJsonAsync<JsonElement>($"/api/v1/public/events/{id}");
        Assert.Equal("高桥镇便民服务中心二楼", publicEvent.GetProperty("venue").GetString());
        await OpenEvents.WaitForRosterAsync(unit, id, roster => roster.Capacity == 12);
    }

    [Fact]
    public async Task Moving_an_event_outside_the_campaign_window_is_refused_naming_the_field_and_nothing_changes()
    {
        var unit = new Clients(stack, "gaoqiao.staff");
        var id = await OpenEvents.CreateAsync(new Clients(stack, "gaoqiao.admin"), title: "窗口外修改");
        var before = await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call());

        var update = UpdateOf(before);
        update.Venue = "不应保存的地点";
        update.StartsAt = Timestamp.FromDateTime(new DateTime(OpenDayStack.SignUpYear, 12, 1, 1, 0, 0, DateTimeKind.Utc));
        update.EndsAt = Timestamp.FromDateTime(new DateTime(OpenDayStack.SignUpYear, 12, 1, 3, 0, 0, DateTimeKind.Utc));
        update.RegistrationClosesAt = null;
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.UpdateEventAsync(update, await unit.Call()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("starts_at", fields);
        Assert.Contains("ends_at", fields);
        Assert.Equal(before, await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call()));
    }

    [Fact]
    public async Task Over_REST_a_bad_update_is_a_400_naming_the_field()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var id = await unit.CreateEventAsync("REST 修改");
        using var gateway = stack.Gateway();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For("gaoqiao.admin"));

        using var response = await gateway.PutAsJsonAsync($"/api/v1/events/{id}", new Dictionary<string, object>
        {
            ["title"] = "REST 修改", ["theme"] = "政务公开", ["venue"] = "会议室", ["forms"] = new[] { "EVENT_FORM_FORUM" },
            ["startsAt"] = "2026-10-20T01:00:00Z", ["endsAt"] = "2026-10-20T03:00:00Z", ["capacity"] = 31,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("capacity", People.ViolatedField(body));
        Assert.Equal(30, (await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call())).Capacity);
    }

    [Fact]
    public async Task The_capacity_never_drops_below_the_confirmed_roster()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var id = await OpenEvents.CreateAsync(unit, capacity: 10, title: "容量不少于已确认");
        for (var i = 0; i < 2; i++)
        {
            var application = await unit.SignedUpApplicationAsync(id);
            await unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = application.Id, Decision = ReviewDecision.Approve }, await unit.Call());
        }
        var before = await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call());

        var tooSmall = UpdateOf(before);
        tooSmall.Capacity = 1;
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.UpdateEventAsync(tooSmall, await unit.Call()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("capacity", violation.Field);
        Assert.Contains("at least 2", violation.Description);
        Assert.Equal(10, (await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call())).Capacity);

        var exactlyFull = UpdateOf(before);
        exactlyFull.Capacity = 2;
        Assert.Equal(2, (await unit.Events.UpdateEventAsync(exactlyFull, await unit.Call())).Capacity);
        await OpenEvents.WaitForRosterAsync(unit, id, roster => roster.Capacity == 2 && roster.Confirmed == 2);
    }

    [Fact]
    public async Task After_registration_closes_the_event_cannot_change()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var id = await OpenEvents.CreateAsync(unit, title: "报名截止后修改");
        foreach (var status in new[] { EventStatus.RegistrationOpen, EventStatus.RegistrationClosed })
        {
            await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = id, Status = status }, await unit.Call());
        }
        var before = await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call());

        var update = UpdateOf(before);
        update.Venue = "截止后的新地点";
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.UpdateEventAsync(update, await unit.Call()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations);
        Assert.Equal("STATUS_REGISTRATIONCLOSED", violation.Type);
        Assert.Contains("registration closed", error.Status.Detail);
        Assert.Equal(before, await unit.Events.GetEventAsync(new GetEventRequest { Id = id }, await unit.Call()));
    }

    [Fact]
    public async Task A_unit_cannot_change_another_units_event()
    {
        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        var id = await gaoqiao.CreateEventAsync("别人的开放日");
        var before = await gaoqiao.Events.GetEventAsync(new GetEventRequest { Id = id }, await gaoqiao.Call());

        var yicheng = new Clients(stack, "yicheng.admin");
        var update = UpdateOf(before);
        update.Venue = "冒名修改";
        var error = await Assert.ThrowsAsync<RpcException>(async () => await yicheng.Events.UpdateEventAsync(update, await yicheng.Call()));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(before, await gaoqiao.Events.GetEventAsync(new GetEventRequest { Id = id }, await gaoqiao.Call()));
    }

    /// <summary>The event as it is, as an update request: tests change what they mean to change.</summary>
    internal static UpdateEventRequest UpdateOf(Event e) => new()
    {
        Id = e.Id, Title = e.Title, Theme = e.Theme, Forms = { e.Forms }, Venue = e.Venue, StartsAt = e.StartsAt, EndsAt = e.EndsAt,
        Capacity = e.Capacity, RegistrationOpensAt = e.RegistrationOpensAt, RegistrationClosesAt = e.RegistrationClosesAt,
        PublicSignup = e.PublicSignup, Agenda = e.Agenda,
    };
}
