using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>The county's view of a campaign: each unit's plan against the deadline and its events held against the minimum.</summary>
[Collection(StackCollection.Name)]
public class ComplianceTests(OpenDayStack stack)
{
    [Fact]
    public async Task A_unit_moves_from_not_filed_and_nothing_held_to_filed_late_and_meeting_the_minimum()
    {
        var county = new Clients(stack, "county.admin");
        var code = $"cp-{Guid.NewGuid():N}"[..14];
        await county.Units.CreateUnitAsync(new CreateUnitRequest { Code = code, Name = "合规测试镇", Kind = UnitKind.Township }, await county.Call());
        var inspector = new Clients(stack, "county.inspector");

        var before = await RowAsync(inspector, code);
        Assert.Equal((PlanFiling.NotFiled, 0, false), (before.PlanFiling, before.EventsHeld, before.MeetsMinimum));

        var unit = Clients.ForgedUnitAdmin(stack, code);
        await unit.Events.FilePlanAsync(new FilePlanRequest
        {
            Year = 2026, OpenDates = { "2026-10-20" }, Themes = { "民生保障" }, Forms = { EventForm.Forum }, ImplementationPlan = "实施方案",
        }, await unit.Call());
        var id = await unit.CreateEventAsync("合规开放日");
        foreach (var status in new[] { EventStatus.Published, EventStatus.RegistrationOpen, EventStatus.RegistrationClosed, EventStatus.Held })
        {
            await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = id, Status = status }, await unit.Call());
        }

        var after = await RowAsync(inspector, code);
        Assert.Equal((PlanFiling.Late, 1, true), (after.PlanFiling, after.EventsHeld, after.MeetsMinimum));
        Assert.Equal("合规测试镇", after.UnitName);
    }

    [Fact]
    public async Task Only_the_county_roles_see_it_and_the_county_office_is_not_scored()
    {
        var inspector = new Clients(stack, "county.inspector");
        var compliance = await inspector.Events.GetComplianceAsync(new GetCampaignRequest { Year = 2026 }, await inspector.Call());
        Assert.Equal(1, compliance.MinEventsPerUnit);
        Assert.DoesNotContain(compliance.Units, u => u.UnitCode == "county-office");
        Assert.Contains(compliance.Units, u => u.UnitCode == "gaoqiao-town");

        var unit = new Clients(stack, "gaoqiao.admin");
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await unit.Events.GetComplianceAsync(new GetCampaignRequest { Year = 2026 }, await unit.Call()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task A_campaign_whose_year_has_no_calendar_is_flagged_to_the_county()
    {
        var county = new Clients(stack, "county.inspector");
        // 2027's campaign is seeded for development; the State Council schedule for 2027 is not in the calendar.
        var flagged = await county.Events.GetComplianceAsync(new GetCampaignRequest { Year = 2027 }, await county.Call());
        Assert.True(flagged.CalendarMissing);
        Assert.Contains("2027", flagged.CalendarWarning);
        Assert.False((await county.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2027 }, await county.Call())).CalendarEntered);

        var entered = await county.Events.GetComplianceAsync(new GetCampaignRequest { Year = 2026 }, await county.Call());
        Assert.False(entered.CalendarMissing);
        Assert.Empty(entered.CalendarWarning);
        Assert.True((await county.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2026 }, await county.Call())).CalendarEntered);
    }

    private static async Task<UnitCompliance> RowAsync(Clients county, string code) =>
        (await county.Events.GetComplianceAsync(new GetCampaignRequest { Year = 2026 }, await county.Call())).Units.Single(u => u.UnitCode == code);
}
