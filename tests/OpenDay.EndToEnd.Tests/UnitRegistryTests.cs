using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>Onboarding by the county office, the registry's rules, and who reads which unit.</summary>
[Collection(StackCollection.Name)]
public class UnitRegistryTests(OpenDayStack stack)
{
    private UnitsService.UnitsServiceClient Units => new(stack.GrpcChannel());

    private static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task County_admin_onboards_lists_and_retires_a_unit()
    {
        var code = NewCode("heating-co");
        var created = await Units.CreateUnitAsync(new CreateUnitRequest
        {
            Code = code, Name = "沂水县热力公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "housing-bureau",
            ContactName = "赵经理", ContactPhone = "13705390000",
        }, await stack.CallAs("county.admin"));
        Assert.Equal("137****0000", created.ContactPhoneMasked);
        Assert.True(created.Active);

        using var county = stack.Gateway();
        county.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For("county.inspector"));
        var filtered = await county.GetFromJsonAsync<JsonElement>(
            $"/api/v1/units?kind=UNIT_KIND_ENTERPRISE&supervisingUnitCode=housing-bureau&nameContains={Uri.EscapeDataString("热力")}");
        Assert.Contains(code, Codes(filtered));
        Assert.DoesNotContain("bus-co", Codes(filtered));

        var retired = await Units.RetireUnitAsync(new RetireUnitRequest { Code = code }, await stack.CallAs("county.admin"));
        Assert.False(retired.Active);
        var active = await Units.ListUnitsAsync(new ListUnitsRequest { PageSize = 100 }, await stack.CallAs("county.admin"));
        Assert.DoesNotContain(active.Units, u => u.Code == code);
        var all = await Units.ListUnitsAsync(new ListUnitsRequest { PageSize = 100, IncludeRetired = true }, await stack.CallAs("county.admin"));
        Assert.Contains(all.Units, u => u.Code == code && !u.Active);
        using var anonymous = stack.Gateway();
        Assert.DoesNotContain(code, (await anonymous.GetStringAsync("/api/v1/public/units")));

        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await Units.RetireUnitAsync(new RetireUnitRequest { Code = code }, await stack.CallAs("county.admin")));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task Listing_pages_through_every_unit_once()
    {
        var options = await stack.CallAs("county.admin");
        var first = await Units.ListUnitsAsync(new ListUnitsRequest { PageSize = 5 }, options);
        Assert.Equal(5, first.Units.Count);
        Assert.NotEmpty(first.NextPageToken);
        var seen = first.Units.Select(u => u.Code).ToList();
        var token = first.NextPageToken;
        while (token.Length > 0)
        {
            var page = await Units.ListUnitsAsync(new ListUnitsRequest { PageSize = 5, PageToken = token }, options);
            seen.AddRange(page.Units.Select(u => u.Code));
            token = page.NextPageToken;
        }
        Assert.Equal(first.TotalSize, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= 10);
    }

    [Fact]
    public async Task Only_the_county_admin_changes_the_registry()
    {
        foreach (var username in new[] { "gaoqiao.admin", "housing.admin", "county.inspector" })
        {
            var options = await stack.CallAs(username);
            var create = await Assert.ThrowsAsync<RpcException>(async () => await Units.CreateUnitAsync(
                new CreateUnitRequest { Code = NewCode("x"), Name = "某单位", Kind = UnitKind.Township }, options));
            Assert.Equal(StatusCode.PermissionDenied, create.StatusCode);
            var retire = await Assert.ThrowsAsync<RpcException>(async () =>
                await Units.RetireUnitAsync(new RetireUnitRequest { Code = "zhuge-town" }, options));
            Assert.Equal(StatusCode.PermissionDenied, retire.StatusCode);
            var update = await Assert.ThrowsAsync<RpcException>(async () => await Units.UpdateUnitAsync(
                new UpdateUnitRequest { Code = "water-supply-co", Name = "改名", SupervisingUnitCode = "housing-bureau" }, options));
            Assert.Equal(StatusCode.PermissionDenied, update.StatusCode);
        }
        var unchanged = await Units.GetUnitAsync(new GetUnitRequest { Code = "water-supply-co" }, await stack.CallAs("county.admin"));
        Assert.Equal("沂水县自来水公司", unchanged.Name);
    }

    public static TheoryData<string, CreateUnitRequest, StatusCode, string> BadUnits => new()
    {
        { "unknown kind", new() { Code = "bad-kind", Name = "某单位", Kind = (UnitKind)99 }, StatusCode.InvalidArgument, "kind" },
        { "empty name", new() { Code = "no-name", Name = " ", Kind = UnitKind.Township }, StatusCode.InvalidArgument, "name" },
        { "enterprise without supervisor", new() { Code = "orphan-co", Name = "某公司", Kind = UnitKind.Enterprise }, StatusCode.InvalidArgument, "supervising_unit_code" },
        { "township as supervisor", new() { Code = "odd-co", Name = "某公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "gaoqiao-town" }, StatusCode.InvalidArgument, "supervising_unit_code" },
        { "supervises itself", new() { Code = "self-co", Name = "某公司", Kind = UnitKind.ServiceWindow, SupervisingUnitCode = "self-co" }, StatusCode.InvalidArgument, "supervising_unit_code" },
        { "a department under a supervisor", new() { Code = "sub-dept", Name = "某局", Kind = UnitKind.CountyDepartment, SupervisingUnitCode = "housing-bureau" }, StatusCode.InvalidArgument, "supervising_unit_code" },
        { "duplicate code", new() { Code = "gaoqiao-town", Name = "高桥镇", Kind = UnitKind.Township }, StatusCode.AlreadyExists, "code" },
        { "malformed code", new() { Code = "Gao Qiao", Name = "高桥", Kind = UnitKind.Township }, StatusCode.InvalidArgument, "code" },
        { "malformed phone", new() { Code = "phone-town", Name = "某镇", Kind = UnitKind.Township, ContactPhone = "12345" }, StatusCode.InvalidArgument, "contact_phone" },
    };

    [Theory]
    [MemberData(nameof(BadUnits))]
    public async Task Bad_input_names_the_field_and_writes_nothing(string because, CreateUnitRequest request, StatusCode code, string field)
    {
        var options = await stack.CallAs("county.admin");
        var before = (await Units.ListUnitsAsync(new ListUnitsRequest { IncludeRetired = true }, options)).TotalSize;
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Units.CreateUnitAsync(request, options));
        Assert.True(code == error.StatusCode, $"{because}: {error.StatusCode} {error.Status.Detail}");
        Assert.Contains(field, error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(before, (await Units.ListUnitsAsync(new ListUnitsRequest { IncludeRetired = true }, options)).TotalSize);
    }

    [Fact]
    public async Task A_department_reads_the_units_it_supervises_and_they_do_not_read_it()
    {
        var water = await Units.GetUnitAsync(new GetUnitRequest { Code = "water-supply-co" }, await stack.CallAs("housing.admin"));
        Assert.Equal("housing-bureau", water.SupervisingUnitCode);
        var visible = await Units.ListUnitsAsync(new ListUnitsRequest { IncludeRetired = true, PageSize = 100 }, await stack.CallAs("housing.admin"));
        Assert.Contains(visible.Units, u => u.Code == "water-supply-co");
        Assert.All(visible.Units, u => Assert.True(u.Code == "housing-bureau" || u.SupervisingUnitCode == "housing-bureau", u.Code));

        foreach (var (username, code) in new[] { ("watersupply.admin", "housing-bureau"), ("gaoqiao.admin", "housing-bureau"), ("gaoqiao.admin", "water-supply-co") })
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
                await Units.GetUnitAsync(new GetUnitRequest { Code = code }, await stack.CallAs(username)));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }

    [Fact]
    public async Task A_department_reads_its_enterprises_events_but_they_and_a_township_do_not_read_its_own()
    {
        var events = new EventsService.EventsServiceClient(stack.GrpcChannel());
        var enterpriseEvent = await events.CreateEventAsync(NewEvent("自来水厂开放日"), await stack.CallAs("watersupply.admin"));
        var departmentEvent = await events.CreateEventAsync(NewEvent("住建局开放日"), await stack.CallAs("housing.admin"));

        var read = await events.GetEventAsync(new GetEventRequest { Id = enterpriseEvent.Id }, await stack.CallAs("housing.admin"));
        Assert.Equal("water-supply-co", read.UnitCode);
        Assert.Contains((await events.ListEventsAsync(new ListEventsRequest(), await stack.CallAs("housing.admin"))).Events, e => e.Id == enterpriseEvent.Id);

        foreach (var (username, id) in new[] { ("watersupply.admin", departmentEvent.Id), ("gaoqiao.admin", departmentEvent.Id), ("gaoqiao.admin", enterpriseEvent.Id) })
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
                await events.GetEventAsync(new GetEventRequest { Id = id }, await stack.CallAs(username)));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }

    [Fact]
    public async Task A_retired_unit_runs_no_new_events()
    {
        var code = NewCode("closing-window");
        await Units.CreateUnitAsync(new CreateUnitRequest
        {
            Code = code, Name = "某服务窗口", Kind = UnitKind.ServiceWindow, SupervisingUnitCode = "approval-bureau",
        }, await stack.CallAs("county.admin"));
        var staff = OpenDayStack.Call(await stack.ForgeAsync(new ForgedToken { Username = "window.admin", Subject = Guid.NewGuid().ToString(), Tenant = code }));
        var events = new EventsService.EventsServiceClient(stack.GrpcChannel());
        var before = await events.CreateEventAsync(NewEvent("窗口开放日"), staff); // while active; also caches its facts

        await Units.RetireUnitAsync(new RetireUnitRequest { Code = code }, await stack.CallAs("county.admin"));

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await events.CreateEventAsync(NewEvent("再办一次"), staff));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("retired", refused.Status.Detail);
        // Its history stays readable.
        Assert.Equal(before.Id, (await events.GetEventAsync(new GetEventRequest { Id = before.Id }, staff)).Id);
    }

    private static CreateEventRequest NewEvent(string title) => EventRequests.New(title);

    private static List<string> Codes(JsonElement list) =>
        list.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToList();
}
