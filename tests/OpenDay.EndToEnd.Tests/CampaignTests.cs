using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>The yearly campaign: its settings are the notice's numbers, it changes only before its window, and events keep to it.</summary>
[Collection(StackCollection.Name)]
public class CampaignTests(OpenDayStack stack)
{
    [Fact]
    public async Task The_2023_campaign_carries_the_notices_settings_and_is_final()
    {
        var county = new Clients(stack, "county.admin");
        var campaign = await county.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2023 }, await county.Call());
        Assert.Equal(new CampaignSettings
        {
            Year = 2023, ActivityStartsOn = "2023-09-15", ActivityEndsOn = "2023-10-31", PlanFilingDeadline = "2023-09-15",
            ReportDeadlineWorkingDays = 5, MaxParticipantsPerEvent = 30, MinPublicShareNumerator = 1, MinPublicShareDenominator = 3,
            MinEventsPerUnit = 1, OpinionDueWorkingDays = 15, // §五(四): opinions answered within 15 working days
        }, campaign.Settings);
        Assert.True(campaign.WindowOpen);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await county.Events.UpdateCampaignAsync(
            new CampaignSettings { Year = 2023, MaxParticipantsPerEvent = 40 }, await county.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(30, (await county.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2023 }, await county.Call())).Settings.MaxParticipantsPerEvent);
    }

    [Fact]
    public async Task A_future_campaign_takes_the_defaults_changes_until_its_window_and_records_every_change()
    {
        var county = new Clients(stack, "county.admin");
        var created = await county.Events.CreateCampaignAsync(new CampaignSettings { Year = 2028 }, await county.Call());
        Assert.Equal("2028-09-15", created.Settings.ActivityStartsOn);
        Assert.Equal(30, created.Settings.MaxParticipantsPerEvent);
        Assert.False(created.WindowOpen);

        var updated = await county.Events.UpdateCampaignAsync(new CampaignSettings
        {
            Year = 2028, ActivityStartsOn = "2028-09-20", MaxParticipantsPerEvent = 25,
        }, await county.Call());
        Assert.Equal("2028-09-20", updated.Settings.ActivityStartsOn);
        Assert.Equal("2028-10-31", updated.Settings.ActivityEndsOn); // unset: kept

        var change = Assert.Single((await county.Events.ListCampaignChangesAsync(new GetCampaignRequest { Year = 2028 }, await county.Call())).Changes);
        Assert.Equal("county.admin", change.ChangedBy);
        Assert.Equal(30, change.Before.MaxParticipantsPerEvent);
        Assert.Equal(25, change.After.MaxParticipantsPerEvent);
        Assert.Equal("2028-09-15", change.Before.ActivityStartsOn);
    }

    [Fact]
    public async Task Bad_settings_name_the_field_and_create_nothing()
    {
        var county = new Clients(stack, "county.admin");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await county.Events.CreateCampaignAsync(new CampaignSettings
        {
            Year = 2035, ActivityStartsOn = "2035-10-01", ActivityEndsOn = "2035-09-01", MaxParticipantsPerEvent = 1000,
            MinPublicShareNumerator = 4, MinPublicShareDenominator = 3,
        }, await county.Call()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // The default plan deadline (09-15) now falls after the window's end (09-01): named too.
        Assert.Equal(["activity_ends_on", "max_participants_per_event", "min_public_share_numerator", "plan_filing_deadline"],
            error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Distinct().Order());
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2035 }, await county.Call()));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        var twice = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.CreateCampaignAsync(new CampaignSettings { Year = 2023 }, await county.Call()));
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);

        var unit = new Clients(stack, "gaoqiao.admin");
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await unit.Events.CreateCampaignAsync(new CampaignSettings { Year = 2036 }, await unit.Call()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    /// <summary>Each case: why, start, end, capacity, the status, and the fields named (comma-separated).</summary>
    public static TheoryData<string, string, string, int, StatusCode, string> BadEvents => new()
    {
        { "before the window", "2026-08-01T01:00:00Z", "2026-08-01T03:00:00Z", 20, StatusCode.InvalidArgument, "starts_at,ends_at" },
        { "ends after the window", "2026-10-31T01:00:00Z", "2026-11-01T03:00:00Z", 20, StatusCode.InvalidArgument, "ends_at" },
        // 2026-10-31 23:00 in Shanghai is still in the window; 2026-11-01 00:30 there is not.
        { "after the window in Shanghai time", "2026-10-31T15:00:00Z", "2026-10-31T16:30:00Z", 20, StatusCode.InvalidArgument, "ends_at" },
        { "over the cap", "2026-10-10T01:00:00Z", "2026-10-10T03:00:00Z", 31, StatusCode.InvalidArgument, "capacity" },
        { "no campaign that year", "2034-10-10T01:00:00Z", "2034-10-10T03:00:00Z", 20, StatusCode.FailedPrecondition, "" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task An_event_keeps_to_its_campaigns_window_and_cap(string because, string starts, string ends, int capacity,
        StatusCode expected, string fields)
    {
        var unit = new Clients(stack, "yicheng.admin");
        var before = (await unit.Events.ListEventsAsync(new ListEventsRequest(), await unit.Call())).Events.Count;
        var error = await Assert.ThrowsAsync<RpcException>(async () => await unit.Events.CreateEventAsync(new CreateEventRequest
        {
            Title = "窗口之外", Theme = "民生保障", Venue = "街道办", Capacity = capacity, Forms = { EventForm.Forum },
            StartsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(starts)),
            EndsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(ends)),
        }, await unit.Call()));
        Assert.True(expected == error.StatusCode, $"{because}: {error.StatusCode} {error.Status.Detail}");
        if (fields.Length > 0)
        {
            Assert.Equal(fields.Split(','), error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        }
        Assert.Equal(before, (await unit.Events.ListEventsAsync(new ListEventsRequest(), await unit.Call())).Events.Count);
    }
}
