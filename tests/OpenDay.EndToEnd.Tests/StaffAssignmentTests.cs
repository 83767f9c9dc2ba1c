using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>The county office assigns a person's account to a unit; the identity provider's next token shows it.</summary>
[Collection(StackCollection.Name)]
public class StaffAssignmentTests(OpenDayStack stack)
{
    private const string Person = "newcomer";

    private UnitsService.UnitsServiceClient Units => new(stack.GrpcChannel());

    [Fact]
    public async Task Assigning_reassigning_and_removing_a_person_shows_in_their_next_token()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await MyUnitStatusAsync(await stack.Tokens.FreshAsync(Person)));

        var assigned = await Units.AssignStaffAsync(new AssignStaffRequest { Code = "yicheng-street", Username = Person, Role = StaffRole.UnitStaff },
            await stack.CallAs("county.admin"));
        Assert.Equal("county.admin", assigned.AssignedBy);
        var token = await stack.Tokens.FreshAsync(Person);
        Assert.Equal(("yicheng-street", "unit-staff"), UnitAndRoles(token));
        Assert.Equal(HttpStatusCode.OK, await MyUnitStatusAsync(token));

        Assert.Contains((await Units.ListStaffAsync(new ListStaffRequest { Code = "yicheng-street" }, await stack.CallAs("yicheng.admin"))).Staff,
            s => s.Username == Person && s.Role == StaffRole.UnitStaff);
        // Another unit's staff: not found, like a unit that does not exist (not an empty list that confirms it does).
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await Units.ListStaffAsync(new ListStaffRequest { Code = "yicheng-street" }, await stack.CallAs("gaoqiao.admin")));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await Units.ListStaffAsync(new ListStaffRequest { Code = "no-such-unit" }, await stack.CallAs("county.admin")));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        // One unit per person: a new assignment moves them, with the new role only.
        await Units.AssignStaffAsync(new AssignStaffRequest { Code = "housing-bureau", Username = Person, Role = StaffRole.UnitAdmin },
            await stack.CallAs("county.admin"));
        Assert.Equal(("housing-bureau", "unit-admin"), UnitAndRoles(await stack.Tokens.FreshAsync(Person)));
        Assert.DoesNotContain((await Units.ListStaffAsync(new ListStaffRequest { Code = "yicheng-street" }, await stack.CallAs("county.inspector"))).Staff,
            s => s.Username == Person);

        await Units.RemoveStaffAsync(new RemoveStaffRequest { Code = "housing-bureau", Username = Person }, await stack.CallAs("county.admin"));
        token = await stack.Tokens.FreshAsync(Person);
        Assert.Equal((null, ""), UnitAndRoles(token));
        Assert.Equal(HttpStatusCode.Forbidden, await MyUnitStatusAsync(token));
    }

    [Fact]
    public async Task Bad_assignments_are_refused_naming_what_is_wrong()
    {
        var county = await stack.CallAs("county.admin");
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await Units.AssignStaffAsync(
            new AssignStaffRequest { Code = "zhuge-town", Username = "nobody-here", Role = StaffRole.UnitStaff }, county));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nobody-here", unknown.Status.Detail);

        var noRole = await Assert.ThrowsAsync<RpcException>(async () => await Units.AssignStaffAsync(
            new AssignStaffRequest { Code = "zhuge-town", Username = Person }, county));
        Assert.Equal(StatusCode.InvalidArgument, noRole.StatusCode);
        Assert.Contains("role", noRole.Status.Detail);

        var unitAdmin = await Assert.ThrowsAsync<RpcException>(async () => await Units.AssignStaffAsync(
            new AssignStaffRequest { Code = "gaoqiao-town", Username = Person, Role = StaffRole.UnitAdmin }, await stack.CallAs("gaoqiao.admin")));
        Assert.Equal(StatusCode.PermissionDenied, unitAdmin.StatusCode);

        var retiredCode = $"gone-{Guid.NewGuid():N}"[..16];
        await Units.CreateUnitAsync(new CreateUnitRequest { Code = retiredCode, Name = "撤并乡镇", Kind = UnitKind.Township }, county);
        await Units.RetireUnitAsync(new RetireUnitRequest { Code = retiredCode }, county);
        var retired = await Assert.ThrowsAsync<RpcException>(async () => await Units.AssignStaffAsync(
            new AssignStaffRequest { Code = retiredCode, Username = Person, Role = StaffRole.UnitStaff }, county));
        Assert.Equal(StatusCode.FailedPrecondition, retired.StatusCode);
        Assert.Empty((await Units.ListStaffAsync(new ListStaffRequest { Code = retiredCode }, county)).Staff);
    }

    private async Task<HttpStatusCode> MyUnitStatusAsync(string token)
    {
        using var client = stack.Gateway();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/units/me");
        return response.StatusCode;
    }

    /// <summary>The token's tenant and its unit roles, comma-separated.</summary>
    private static (string? Unit, string Roles) UnitAndRoles(string token)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!;
        var roles = payload["realm_access"]?["roles"]?.AsArray().Select(r => r!.GetValue<string>())
            .Where(r => r.StartsWith("unit-", StringComparison.Ordinal)) ?? [];
        return (payload["tenant"]?.GetValue<string>(), string.Join(',', roles.Order()));
    }
}
