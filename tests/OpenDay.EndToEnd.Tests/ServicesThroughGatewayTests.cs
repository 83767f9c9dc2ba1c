using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>Every service through the gateway, as REST (JSON transcoding) and as native gRPC, for users of several units.</summary>
[Collection(StackCollection.Name)]
public class ServicesThroughGatewayTests(OpenDayStack stack)
{
    private async Task<HttpClient> GatewayAs(string username)
    {
        var client = stack.Gateway();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For(username));
        return client;
    }

    private static object NewEvent(string title) => new
    {
        title,
        theme = "优化营商环境",
        forms = new[] { "EVENT_FORM_VISIT_OFFICES", "EVENT_FORM_FORUM" },
        venue = "镇政府三楼会议室",
        startsAt = "2026-10-10T01:00:00Z",
        endsAt = "2026-10-10T04:00:00Z",
        capacity = 30,
        backfill = true, // 补录: the 2026 campaign is over
    };

    [Theory]
    [InlineData("gaoqiao.admin", "gaoqiao-town", "UNIT_KIND_TOWNSHIP")]
    [InlineData("housing.admin", "housing-bureau", "UNIT_KIND_COUNTY_DEPARTMENT")]
    [InlineData("county.admin", "county-office", "UNIT_KIND_COUNTY_OFFICE")]
    public async Task Units_rest_returns_the_callers_own_unit_from_the_token(string username, string code, string kind)
    {
        using var client = await GatewayAs(username);
        var unit = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/me");
        Assert.Equal(code, unit.GetProperty("code").GetString());
        Assert.Equal(kind, unit.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Units_grpc_through_the_gateway_and_phone_is_masked()
    {
        var units = new UnitsService.UnitsServiceClient(stack.GrpcChannel());
        var token = await stack.Tokens.For("yicheng.admin");
        var updated = await units.UpdateMyUnitContactAsync(
            new UpdateMyUnitContactRequest { ContactName = "王主任", ContactPhone = "13905391234" }, OpenDayStack.Call(token));
        Assert.Equal("139****1234", updated.ContactPhoneMasked);

        var mine = await units.GetMyUnitAsync(new GetMyUnitRequest(), OpenDayStack.Call(token));
        Assert.Equal("yicheng-street", mine.Code);
        Assert.Equal("王主任", mine.ContactName);
        Assert.DoesNotContain("13905391234", mine.ToString());
    }

    [Fact]
    public async Task Unit_staff_may_not_change_the_units_contact()
    {
        var units = new UnitsService.UnitsServiceClient(stack.GrpcChannel());
        var error = await Assert.ThrowsAsync<RpcException>(async () => await units.UpdateMyUnitContactAsync(
            new UpdateMyUnitContactRequest { ContactName = "李四", ContactPhone = "13905391234" },
            OpenDayStack.Call(await stack.Tokens.For("gaoqiao.staff"))));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);

        using var client = await GatewayAs("gaoqiao.staff");
        using var response = await client.PutAsJsonAsync("/api/v1/units/me/contact", new { contactName = "李四", contactPhone = "13905391234" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_event_written_by_one_unit_is_read_back_by_it_and_invisible_to_another()
    {
        using var gaoqiao = await GatewayAs("gaoqiao.admin");
        using var created = await gaoqiao.PostAsJsonAsync("/api/v1/events", NewEvent("高桥镇开放日：走进便民服务中心"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var readBack = await gaoqiao.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.Equal("gaoqiao-town", readBack.GetProperty("unitCode").GetString());
        Assert.Equal("EVENT_STATUS_DRAFT", readBack.GetProperty("status").GetString());

        using var housing = await GatewayAs("housing.admin");
        using var notYours = await housing.GetAsync($"/api/v1/events/{id}");
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        var housingList = await housing.GetFromJsonAsync<JsonElement>("/api/v1/events");
        Assert.DoesNotContain(Ids(housingList, "events"), x => x == id);

        // Native gRPC: the same answer.
        var events = new EventsService.EventsServiceClient(stack.GrpcChannel());
        var grpcError = await Assert.ThrowsAsync<RpcException>(async () => await events.GetEventAsync(
            new GetEventRequest { Id = id }, OpenDayStack.Call(await stack.Tokens.For("housing.admin"))));
        Assert.Equal(StatusCode.NotFound, grpcError.StatusCode);
        var mine = await events.ListEventsAsync(new ListEventsRequest(), OpenDayStack.Call(await stack.Tokens.For("gaoqiao.staff")));
        Assert.Contains(mine.Events, e => e.Id == id);

        // The county office reads every unit's events (SPEC.md §2).
        using var county = await GatewayAs("county.inspector");
        Assert.Contains(Ids(await county.GetFromJsonAsync<JsonElement>("/api/v1/events"), "events"), x => x == id);
    }

    [Fact]
    public async Task Invalid_event_is_refused_naming_the_fields_and_nothing_is_written()
    {
        using var client = await GatewayAs("yicheng.admin");
        var before = Ids(await client.GetFromJsonAsync<JsonElement>("/api/v1/events"), "events").Count;

        using var response = await client.PostAsJsonAsync("/api/v1/events", new
        {
            title = "",
            theme = "民生保障",
            forms = Array.Empty<string>(),
            venue = "街道办",
            startsAt = "2026-10-10T04:00:00Z",
            endsAt = "2026-10-10T01:00:00Z",
            capacity = 0,
            backfill = true,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = body.GetProperty("details").EnumerateArray()
            .SelectMany(d => d.GetProperty("fieldViolations").EnumerateArray())
            .Select(v => v.GetProperty("field").GetString())
            .ToHashSet();
        Assert.Equal(["capacity", "ends_at", "forms", "title"], fields.Order());

        var events = new EventsService.EventsServiceClient(stack.GrpcChannel());
        var error = await Assert.ThrowsAsync<RpcException>(async () => await events.CreateEventAsync(
            new CreateEventRequest { Title = "x", Theme = "y", Venue = "z", Capacity = 5, Forms = { EventForm.Forum } },
            OpenDayStack.Call(await stack.Tokens.For("yicheng.admin"))));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field);
        Assert.Equal(["starts_at", "ends_at"], violations);

        Assert.Equal(before, Ids(await client.GetFromJsonAsync<JsonElement>("/api/v1/events"), "events").Count);
    }

    [Fact]
    public async Task Registrations_invitation_masks_the_mobile_and_stays_in_its_unit()
    {
        var eventId = await OpenEvents.CreateAsync(new Clients(stack, "housing.admin"));
        using var client = await GatewayAs("housing.admin");
        using var created = await client.PostAsJsonAsync("/api/v1/registrations/invitations", new
        {
            eventId,
            name = "张人大",
            mobile = "13605391111",
            category = "PARTICIPANT_CATEGORY_NPC_DEPUTY",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        Assert.Contains("136****1111", text);
        Assert.DoesNotContain("13605391111", text);

        var registrations = new RegistrationsService.RegistrationsServiceClient(stack.GrpcChannel());
        var own = await registrations.ListInvitationsAsync(new ListInvitationsRequest { EventId = eventId },
            OpenDayStack.Call(await stack.Tokens.For("housing.admin")));
        Assert.Single(own.Invitations);
        // The water supply company is supervised by the housing bureau, not the other way round: not found.
        var other = await Assert.ThrowsAsync<RpcException>(async () => await registrations.ListInvitationsAsync(
            new ListInvitationsRequest { EventId = eventId }, OpenDayStack.Call(await stack.Tokens.For("watersupply.admin"))));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);

        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await registrations.CreateInvitationAsync(
            new CreateInvitationRequest { EventId = eventId, Name = "张三", Mobile = "12345", Category = ParticipantCategory.MediaReporter },
            OpenDayStack.Call(await stack.Tokens.For("housing.admin"))));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("mobile", invalid.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Assessment_ledger_entry_is_read_back_by_its_unit_only()
    {
        using var client = await GatewayAs("watersupply.admin");
        using var created = await client.PostAsJsonAsync("/api/v1/assessment/opinions", new
        {
            eventId = await new Clients(stack, "watersupply.admin").CreateEventAsync(),
            raisedBy = "群众代表 刘女士",
            text = "建议在老城区增设夜间缴费窗口。",
            topic = "供水服务",
            dueDate = "2026-12-15",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Contains(Ids(await client.GetFromJsonAsync<JsonElement>("/api/v1/assessment/opinions"), "opinions"), x => x == id);

        var assessment = new AssessmentService.AssessmentServiceClient(stack.GrpcChannel());
        var othersView = await assessment.ListOpinionsAsync(new ListOpinionsRequest(),
            OpenDayStack.Call(await stack.Tokens.For("gaoqiao.admin")));
        Assert.DoesNotContain(othersView.Opinions, o => o.Id == id);
        var own = await assessment.ListOpinionsAsync(new ListOpinionsRequest(),
            OpenDayStack.Call(await stack.Tokens.For("watersupply.admin")));
        Assert.Equal("water-supply-co", own.Opinions.Single(o => o.Id == id).ResponsibleUnitCode);
    }

    [Fact]
    public async Task Invitations_and_opinions_attach_only_to_the_callers_own_events()
    {
        var unknown = Guid.NewGuid().ToString();
        using var client = await GatewayAs("gaoqiao.admin");
        using var invitation = await client.PostAsJsonAsync("/api/v1/registrations/invitations", new
        {
            eventId = unknown, name = "张三", mobile = "13605392222", category = "PARTICIPANT_CATEGORY_MEDIA_REPORTER",
        });
        Assert.Equal(HttpStatusCode.NotFound, invitation.StatusCode);
        Assert.Contains(unknown, await invitation.Content.ReadAsStringAsync());
        using var listed = await client.GetAsync($"/api/v1/registrations/invitations?eventId={unknown}");
        Assert.Equal(HttpStatusCode.NotFound, listed.StatusCode);

        // A supervisor reads its enterprise's event but cannot hang its own records on it.
        var waterEvent = await new Clients(stack, "watersupply.admin").CreateEventAsync();
        using var housing = await GatewayAs("housing.admin");
        using var opinion = await housing.PostAsJsonAsync("/api/v1/assessment/opinions", new
        {
            eventId = waterEvent, raisedBy = "某人", text = "意见", topic = "供水", dueDate = "2026-12-31",
        });
        Assert.Equal(HttpStatusCode.NotFound, opinion.StatusCode);
    }

    [Fact]
    public async Task Public_units_list_needs_no_token()
    {
        using var anonymous = stack.Gateway();
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/units");
        var codes = list.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        Assert.Contains("gaoqiao-town", codes);
        Assert.Contains("water-supply-co", codes);
        Assert.DoesNotContain("contactPhoneMasked", list.ToString());
    }

    private static List<string> Ids(JsonElement list, string property) =>
        list.TryGetProperty(property, out var items)
            ? items.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList()
            : [];
}
